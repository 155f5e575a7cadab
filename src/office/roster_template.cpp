#include "office/roster_template.h"

#include "domain/imports/roster_rows.h"
#include "domain/imports/roster_shape.h"
#include "office/xlsx_writer.h"

namespace sw::office {

Status WriteRosterTemplate(const std::filesystem::path& path) {
  const auto columns = domain::RosterTemplate();
  XlsxWriter writer(path, "花名册");
  std::vector<double> widths;
  std::vector<std::string> header, example;
  for (const domain::TemplateColumn& column : columns) {
    widths.push_back(column.target == "id_number" ? 22 : column.target == "home_address" ? 24 : 12);
    header.emplace_back(column.header);
    example.emplace_back(column.example);
  }
  writer.Widths(widths);
  writer.Title("留守儿童花名册（请从第 5 行起填写，示例行可保留）", columns.size());
  writer.Row({"填报单位："});
  writer.Header(header);
  writer.Row(example);
  for (std::size_t column = 0; column < columns.size(); ++column) {
    std::string_view target = columns[column].target;
    if (target.starts_with("guardian.")) target.remove_prefix(9);
    if (target == "gender" || target == "boarding" || target == "left_behind_type" || target == "care_arrangement" ||
        target == "poverty_status" || target == "relation") {
      writer.Choices(column, kTemplateRows, domain::ChoiceLabels(target));
    }
  }
  return writer.Close();
}

}  // namespace sw::office
