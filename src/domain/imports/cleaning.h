// What the importer makes of a roster's cells before the archive's own rules judge them: dates
// and genders as schools type them, and an ID number that Excel turned into a number. (Spaces
// and full-width characters are the archive's: text::NormaliseInput.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/imports/sheet_row.h"

namespace sw::domain {

// YYYY-MM-DD from an Excel serial day (a number cell: 42461 is 2016-04-01) or from 2016-4-1,
// 2016.4.1, 2016/04/01, 2016年4月1日 or 20160401; nullopt for anything else or no such day.
std::optional<std::string> CleanDate(const SheetCell& cell);

// male | female from 男, 男性, 男生, M, male (and the same for 女); nullopt otherwise.
std::optional<std::string> CleanGender(std::string_view text);

// true from 是, 寄宿, Y, yes, 1; false from 否, 走读, N, no, 0; nullopt otherwise.
std::optional<bool> CleanYesNo(std::string_view text);

// An ID number stored as a number: Excel keeps 15 significant digits, so the last ones are gone
// (3.41122201605060E+17) and cannot be guessed. True for such a cell.
bool IdNumberLostDigits(const SheetCell& cell);

}  // namespace sw::domain
