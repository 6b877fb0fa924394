// NoticeText: the wording of every notice Duban sends (reminders, escalations, decisions, the
// directors' agenda) comes from templates in config — config/notices.toml, zh-CN, compiled in as
// the default; a [notices] table in duban.toml may replace any of them — never from string
// literals in code. Code names a template and gives its values; a template writes {name} for a
// value and {{ or }} for a brace.
//
// The catalog (NoticeCatalog) says which values each template is given, so loading the config
// refuses a template that names a value its notice does not have (a typo would otherwise reach
// every recipient as literal text), and every template of the catalog has a wording.
//
// Thread rules: pure functions; a NoticeTexts is immutable after construction.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace duban {

struct NoticeTemplateInfo {
  std::string_view name;
  std::vector<std::string_view> values;  // the {names} it may use
};

// Every notice template, by name.
const std::vector<NoticeTemplateInfo>& NoticeCatalog();

// InvalidArgument naming the template and the problem: not in the catalog, a {name} it is not
// given, a lone brace.
Status CheckNoticeTemplate(std::string_view name, std::string_view text);

using NoticeValues = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// `text` with each {name} replaced by its value ("" for a name not given: CheckNoticeTemplate
// keeps that from happening) and {{, }} by braces.
std::string RenderNotice(std::string_view text, NoticeValues values);

using NoticeTemplates = std::map<std::string, std::string, std::less<>>;

// Unit id -> the unit's name (市教育局), for {unit} in notices.
using UnitNames = std::map<std::string, std::string, std::less<>>;

// The templates of one config, rendered by name. People read names, never ids: the value of
// {unit} is given as the unit's id (what the rules hold) and rendered as its name from
// `unit_names` (config::NoticeTextsOf builds both from a config); an id it does not know is kept.
class NoticeTexts {
 public:
  NoticeTexts() = default;
  explicit NoticeTexts(NoticeTemplates templates, UnitNames unit_names = {})
      : templates_(std::move(templates)), unit_names_(std::move(unit_names)) {}

  // The notice `name` with `values`. A name the config has no template for (a programming error:
  // the config is checked against the catalog) gives "[name]" so that nothing is lost silently.
  std::string operator()(std::string_view name, NoticeValues values) const;

 private:
  NoticeTemplates templates_;
  UnitNames unit_names_;
};

}  // namespace duban
