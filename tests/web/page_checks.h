// Checks every test of a duban-web page makes (tests/web/*_test.cc): the page has all its words,
// no script and no inline style, and every POST form carries the CSRF field first; and a form
// body parsed as the server would.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <regex>
#include <string>

#include "web/form.h"

namespace duban::web::test {

// Checks no word is missing ("[?"), no <script> (hostile text escaped), no inline style (CSP).
inline void CheckSafeHtml(const std::string& html) {
  EXPECT_EQ(html.find("[?"), std::string::npos) << "a missing word in:\n" << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << "no script, and hostile text escaped";
  EXPECT_EQ(html.find("style=\""), std::string::npos) << "no inline style (CSP)";
}

// Checks every POST form's first field is the session's CSRF token; returns how many there are.
inline std::size_t CheckPostForms(const std::string& html) {
  static const std::regex kPostForm(R"(<form method="post"[^>]*>)");
  std::size_t forms = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kPostForm);
       it != std::sregex_iterator(); ++it) {
    ++forms;
    const std::size_t after = it->position() + it->length();
    EXPECT_EQ(html.compare(after, 40, "<input type=\"hidden\" name=\"csrf\" value=\""), 0)
        << "a form without its CSRF field at " << it->position();
  }
  return forms;
}

// A form body as the server parses it; a failure is a test failure.
inline Form ParseForm(const std::string& body) {
  auto f = Form::Parse(body);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return std::move(f).value();
}

}  // namespace duban::web::test
