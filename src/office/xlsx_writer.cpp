#include "office/xlsx_writer.h"

#include <xlsxwriter.h>

namespace sw::office {

std::string NeutraliseFormula(std::string_view text) {
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@')) {
    std::string neutral = "'";
    return neutral += text;
  }
  return std::string(text);
}

XlsxWriter::XlsxWriter(const std::filesystem::path& path, const std::string& sheet_name) {
  const std::string temporary_directory = path.parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(temporary_directory.c_str());  // read during the call only
  options.use_zip64 = LXW_TRUE;  // past 4 GB uncompressed: a million rows with their families
  workbook_ = workbook_new_opt(path.c_str(), &options);
  if (!workbook_) return;
  sheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
  bold_ = workbook_add_format(workbook_);
  format_set_bold(bold_);
}

XlsxWriter::~XlsxWriter() {
  if (!closed_) Close();
}

void XlsxWriter::Widths(const std::vector<double>& widths) {
  if (!sheet_) return;
  for (std::size_t column = 0; column < widths.size(); ++column) {
    const auto at = static_cast<lxw_col_t>(column);
    worksheet_set_column(sheet_, at, at, widths[column], nullptr);
  }
}

void XlsxWriter::Title(const std::string& text, std::size_t columns) {
  if (!sheet_) return;
  if (columns > 1) {
    worksheet_merge_range(sheet_, next_row_, 0, next_row_, static_cast<lxw_col_t>(columns - 1),
                          NeutraliseFormula(text).c_str(), bold_);
  } else {
    worksheet_write_string(sheet_, next_row_, 0, NeutraliseFormula(text).c_str(), bold_);
  }
  ++next_row_;
}

void XlsxWriter::Header(const std::vector<std::string>& cells) {
  if (!sheet_) return;
  for (std::size_t column = 0; column < cells.size(); ++column) {
    worksheet_write_string(sheet_, next_row_, static_cast<lxw_col_t>(column), NeutraliseFormula(cells[column]).c_str(),
                           bold_);
  }
  worksheet_freeze_panes(sheet_, next_row_ + 1, 0);
  ++next_row_;
}

void XlsxWriter::Row(const std::vector<std::string>& cells) {
  if (!sheet_) return;
  for (std::size_t column = 0; column < cells.size(); ++column) {
    if (cells[column].empty()) continue;
    worksheet_write_string(sheet_, next_row_, static_cast<lxw_col_t>(column), NeutraliseFormula(cells[column]).c_str(),
                           nullptr);
  }
  ++next_row_;
}

void XlsxWriter::Choices(std::size_t column, std::int64_t rows, const std::vector<std::string>& choices) {
  if (!sheet_ || choices.empty() || rows <= 0) return;
  std::vector<const char*> list;
  for (const std::string& choice : choices) list.push_back(choice.c_str());
  list.push_back(nullptr);
  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = const_cast<char**>(list.data());  // copied by the call
  const auto at = static_cast<lxw_col_t>(column);
  worksheet_data_validation_range(sheet_, next_row_, at, next_row_ + static_cast<lxw_row_t>(rows - 1), at, &validation);
}

Status XlsxWriter::Close() {
  closed_ = true;
  if (!workbook_) return Status::Internal("cannot create the workbook");
  const lxw_error error = workbook_close(workbook_);
  workbook_ = nullptr;
  if (error != LXW_NO_ERROR) return Status::Internal(std::string("cannot write the workbook: ") + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace sw::office
