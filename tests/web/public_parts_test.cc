// The parts of the public page and the export that are not HTML: the QR code (libqrencode, drawn
// as SVG holding geometry only), the per-address throttle (a client over its limit waits, others
// do not; memory stays bounded), and the report workbook (a real .xlsx: a zip with the workbook
// and its sheet).
#include <gtest/gtest.h>

#include "web/address_throttle.h"
#include "web/qr_svg.h"
#include "web/report_export.h"

namespace duban::web {
namespace {

TEST(QrSvgTest, DrawsAUrlAsGeometryOnly) {
  auto svg = QrSvg("http://127.0.0.1:8090/p/S2026-00001");
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_EQ(svg->rfind("<?xml", 0), 0u);
  EXPECT_NE(svg->find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(svg->find("<path fill=\"#000\" d=\"M"), std::string::npos);
  EXPECT_EQ(svg->find("S2026"), std::string::npos) << "no text in the image, only modules";
  EXPECT_EQ(svg->find("<script"), std::string::npos);
  // Version 3 (29 modules) for this length, plus the 4-module quiet zone on each side.
  EXPECT_NE(svg->find("viewBox=\"0 0 37 37\""), std::string::npos) << svg->substr(0, 200);
  EXPECT_FALSE(QrSvg("").ok());
  EXPECT_FALSE(QrSvg(std::string(kMaxQrTextBytes + 1, 'a')).ok());
}

TEST(AddressThrottleTest, LimitsEachAddressInItsWindow) {
  AddressThrottle t(3, 60'000);
  Millis wait = 0;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(t.Allow("10.0.0.1", 1000 + i, &wait));
  EXPECT_FALSE(t.Allow("10.0.0.1", 2000, &wait));
  EXPECT_EQ(wait, 1000 + 60'000 - 2000);
  EXPECT_TRUE(t.Allow("10.0.0.2", 2000, &wait)) << "another address is not held up";
  EXPECT_TRUE(t.Allow("10.0.0.1", 61'000, &wait)) << "the oldest left the window";
  EXPECT_FALSE(t.Allow("10.0.0.1", 61'000, &wait)) << "and only the oldest";
}

TEST(AddressThrottleTest, ForgetsTheLeastRecentAddressWhenFull) {
  AddressThrottle t(1, 60'000);
  Millis wait = 0;
  EXPECT_TRUE(t.Allow("first", 0, &wait));
  for (std::size_t i = 0; i < kMaxAddresses; ++i) {
    EXPECT_TRUE(t.Allow("a" + std::to_string(i), 1, &wait));
  }
  EXPECT_TRUE(t.Allow("first", 2, &wait)) << "forgotten, so counted afresh; memory stays bounded";
}

TEST(ReportExportTest, WritesARealWorkbook) {
  protocol::ReportReply r;
  r.session = "2026";
  protocol::ReportRow row;
  row.unit = "jyj";
  row.assigned = 4;
  row.replied = 3;
  row.on_time = 2;
  row.met = 4;
  row.evaluated = 2;
  row.accepted = 1;
  row.solved = 1;
  row.by_class = {{"A", "已解决或基本解决", 1}, {"B", "正在解决", 2}};
  r.units = {row};
  r.overall = row;
  Vocabulary v = DefaultVocabulary();
  v.unit_names = {{"jyj", "市教育局"}};
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    auto book = ReportWorkbook(lang, r, v);
    ASSERT_TRUE(book.ok()) << book.status().ToString();
    ASSERT_GT(book->size(), 1000u);
    EXPECT_EQ(book->substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip file";
    EXPECT_NE(book->find("xl/workbook.xml"), std::string::npos);
    EXPECT_NE(book->find("xl/worksheets/sheet1.xml"), std::string::npos);
    EXPECT_NE(book->find("xl/worksheets/sheet2.xml"), std::string::npos);
  }
  EXPECT_EQ(ReportFileName(r), "duban-report-2026.xlsx");
}

}  // namespace
}  // namespace duban::web
