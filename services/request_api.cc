// Requests from the people (社情民意) through the API: duban.request (request_rules.h decides;
// store::RequestStore keeps the records, their history and their due reminders).
//
// A conversion is made of steps that each can be retried: the requests are first marked with the
// request id they are converted under (the first one wins), the suggestion is submitted with that
// request id (idempotent), then each request records the suggestion (compare-and-set). A crash in
// between is completed by converting the same requests again: the same suggestion comes back.
#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "common/calendar.h"
#include "common/log.h"
#include "common/protocol/codec.h"
#include "common/sha1.h"
#include "common/store/request_store.h"
#include "services/api_handlers.h"

namespace duban::services {

using namespace duban::protocol;

namespace {
constexpr std::int64_t kMaxRequestsListed = 1000;
// Anonymous senders are bounded by what the public endpoint accepts in a minute, overall and per
// deputy or station code: a flood cannot fill Redis or drown the deputies' inboxes.
constexpr int kPublicSubmitsPerMinute = 120;
constexpr int kPublicSubmitsPerMinutePerCode = 20;
// A conversion's request id is remembered as long as the requests it links (ten years).
constexpr std::int64_t kConversionRequestIdTtlS = 10LL * 366 * 24 * 3600;

// Six letters and digits from the OS's random source (no 0/O, 1/I).
std::string RandomSuffix() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 6; ++i) out += kAlphabet[rd() % (sizeof(kAlphabet) - 1)];
  return out;
}

// "mail,sms": the channels the request script keeps per recipient (names without commas).
std::string ChannelList(const std::vector<std::string>& channels) {
  std::string out;
  for (const std::string& c : channels) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string Excerpt(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}
}  // namespace

Status ApiHandlers::AdmitPublicSubmit(const std::string& to) {
  const Millis now = protocol_clock_.NowMs();
  if (now - public_submits_.window_start_ms >= 60'000) public_submits_ = {now, 0, {}};
  int& for_code = public_submits_.per_code[to];
  if (public_submits_.total >= kPublicSubmitsPerMinute ||
      for_code >= kPublicSubmitsPerMinutePerCode) {
    counters_.Increment("api.public_requests_throttled");
    return ResourceExhausted("too many requests on the public endpoint just now: try again in a "
                             "minute");
  }
  ++public_submits_.total;
  ++for_code;
  return Status::Ok();
}

RequestRules ApiHandlers::RequestRulesNow() const {
  return RequestRules{config_.jurisdiction.utc_offset_minutes,
                      config_.jurisdiction.request_ack_working_days,
                      config_.jurisdiction.work_start_minute, config_.stations};
}

Result<RequestReply> ApiHandlers::RequestCall(const RequestRequest& req, Millis now) {
  store::RequestStore requests(store_);
  const RequestRules rules = RequestRulesNow();
  const std::int64_t offset = rules.utc_offset_minutes;
  const std::string actor = req.deputy.empty()
                                ? (req.actor == "public" ? "public" : "staff:" + req.actor)
                                : "deputy:" + req.deputy + "/" + req.actor;
  RequestReply reply;
  auto range = [&](Millis* from, Millis* to) -> Status {
    *from = 0;
    *to = Millis{1} << 50;
    if (!req.from.empty()) {
      DUBAN_ASSIGN_OR_RETURN(Date d, ParseDate(req.from));
      *from = StartOfLocalDay(d, offset);
    }
    if (!req.until.empty()) {
      DUBAN_ASSIGN_OR_RETURN(Date d, ParseDate(req.until));
      *to = EndOfLocalDay(d, offset);
    }
    return Status::Ok();
  };
  // The deputy's own code and their stations' (list, counts).
  auto mine = [&]() {
    std::set<std::string> tos{"deputy:" + req.deputy};
    for (const auto& s : rules.stations) {
      for (const auto& d : s.deputies) {
        if (d == req.deputy) tos.insert("station:" + s.id);
      }
    }
    return tos;
  };

  if (req.action == "submit") {
    DUBAN_ASSIGN_OR_RETURN(std::vector<std::string> recipients, RecipientsOf(rules, req.to));
    if (req.actor == "public") DUBAN_RETURN_IF_ERROR(AdmitPublicSubmit(req.to));
    DUBAN_ASSIGN_OR_RETURN(AckPlan plan, PlanAck(now, calendar_.calendar(), rules));
    PeopleRequest r;
    r.to = req.to;
    r.text = req.text;
    r.contact = req.contact;
    r.state = "RECEIVED";
    r.received_ms = now;
    r.ack_due = plan.due;
    store::NewRequest n;
    n.year = std::to_string(static_cast<int>(LocalDateOf(now, offset).year()));
    n.suffix = RandomSuffix();
    n.request_id = req.request_id;
    n.digest = Sha1Hex(req.to + '\x1f' + req.text + '\x1f' + req.contact);
    n.ttl_s = config_.broker.request_id_ttl_s;
    n.ack_due_ms = plan.due_end_ms;
    n.remind_ms = plan.remind_ms;
    const std::string excerpt = Excerpt(req.text, 300);
    n.notice_text = "【社情民意】收到一件群众意见（" + PublicView(r, rules).to_label + "），请于 " +
                    plan.due + " 前签收：" + excerpt;
    n.remind_text = "【社情民意签收提醒】一件群众意见将于 " + plan.due + " 到期未签收：" + excerpt;
    n.overdue_text = "【社情民意超期】一件群众意见已过签收期限 " + plan.due + "（" +
                     PublicView(r, rules).to_label + "）：" + excerpt;
    n.actor = actor;
    n.note = "to " + req.to + "; acknowledge by " + plan.due +
             (plan.assumed_weekdays ? " (the calendar lacks a year: Monday to Friday counted)" : "");
    n.recipients = recipients;
    // Mail and SMS only for a request a key holder entered (staff, a deputy): one sent without a
    // key on the public endpoint reaches the inboxes only, so an anonymous flood cannot turn the
    // SMS gateway into a channel of its own texts under the official 【社情民意】 name.
    if (req.actor != "public") {
      for (const std::string& to : recipients) {
        n.channels.push_back(ChannelList(config::ChannelsFor(config_.delivery, to)));
      }
      n.channels.push_back(ChannelList(config::ChannelsFor(config_.delivery, "staff")));
    }
    DUBAN_ASSIGN_OR_RETURN(auto kept, requests.Submit(now, r, n));
    DUBAN_ASSIGN_OR_RETURN(store::StoredRequest stored, requests.Get(kept.first));
    counters_.Increment(kept.second == "new" ? "api.requests_received" : "api.request_duplicates");
    reply.result = kept.second;
    reply.status = PublicView(stored.request, rules);
    return reply;
  }
  if (req.action == "status") {
    auto stored = requests.Get(req.code);
    if (!stored.ok()) {
      if (stored.status().code() == StatusCode::kNotFound) {
        return NotFound("no request " + req.code);  // the same words whatever the code holds
      }
      return stored.status();
    }
    reply.status = PublicView(stored->request, rules);
    return reply;
  }
  if (req.action == "list") {
    Millis from = 0, to = 0;
    DUBAN_RETURN_IF_ERROR(range(&from, &to));
    std::set<std::string> tos;
    if (!req.deputy.empty()) {
      tos = mine();
      if (!req.to.empty()) {
        if (!tos.count(req.to)) {
          return PermissionDenied("deputy " + req.deputy + " does not receive for " + req.to);
        }
        tos = {req.to};
      }
    } else {
      tos.insert(req.to);  // "" = every request
    }
    for (const auto& t : tos) {
      DUBAN_ASSIGN_OR_RETURN(auto page, requests.List(t, from, to, kMaxRequestsListed));
      for (auto& r : page) reply.requests.push_back(std::move(r));
    }
    std::sort(reply.requests.begin(), reply.requests.end(),
              [](const PeopleRequest& a, const PeopleRequest& b) {
                return a.received_ms != b.received_ms ? a.received_ms > b.received_ms
                                                      : a.code > b.code;
              });
    if (reply.requests.size() > static_cast<std::size_t>(kMaxRequestsListed)) {
      reply.requests.resize(kMaxRequestsListed);
    }
    return reply;
  }
  if (req.action == "counts") {
    Millis from = 0, to = 0;
    DUBAN_RETURN_IF_ERROR(range(&from, &to));
    DUBAN_ASSIGN_OR_RETURN(reply.counts, requests.Counts(from, to));
    if (!req.deputy.empty()) {
      const auto tos = mine();
      std::erase_if(reply.counts, [&](const RequestCount& c) { return !tos.count(c.to); });
    }
    return reply;
  }
  // One request changed by `step`, with a compare-and-set (once more when it moved meanwhile).
  auto change = [&](const std::string& code, const char* what,
                    const std::function<Result<PeopleRequest>(const PeopleRequest&)>& step,
                    const std::string& note) -> Result<PeopleRequest> {
    for (int attempt = 0; attempt < 2; ++attempt) {
      DUBAN_ASSIGN_OR_RETURN(store::StoredRequest stored, requests.Get(code));
      DUBAN_RETURN_IF_ERROR(MayAct(stored.request, req.deputy, rules));
      DUBAN_ASSIGN_OR_RETURN(PeopleRequest next, step(stored.request));
      if (next.state == stored.request.state && next.suggestion == stored.request.suggestion) {
        return stored.request;  // nothing to write (a conversion completed before)
      }
      const Millis acked = stored.request.acknowledged_ms == 0 ? next.acknowledged_ms : 0;
      DUBAN_ASSIGN_OR_RETURN(bool written, requests.Update(now, next, stored.version, actor, what,
                                                           note, acked));
      if (written) {
        counters_.Increment(std::string("api.requests_") + what);
        DUBAN_ASSIGN_OR_RETURN(store::StoredRequest after, requests.Get(code));
        return after.request;
      }
    }
    return Unavailable("request " + code + " kept changing; retry");
  };
  if (req.action == "show") {
    DUBAN_ASSIGN_OR_RETURN(store::StoredRequest stored, requests.Get(req.code));
    DUBAN_RETURN_IF_ERROR(MayAct(stored.request, req.deputy, rules));
    reply.requests.push_back(std::move(stored.request));
    return reply;
  }
  if (req.action == "ack") {
    DUBAN_ASSIGN_OR_RETURN(PeopleRequest r, change(req.code, "acknowledged", [&](const PeopleRequest& r) {
      return Acknowledge(r, actor, now);
    }, ""));
    reply.requests.push_back(std::move(r));
    return reply;
  }
  if (req.action == "answer") {
    DUBAN_ASSIGN_OR_RETURN(PeopleRequest r, change(req.code, "answered", [&](const PeopleRequest& r) {
      return Answer(r, req.text, actor, now);
    }, Excerpt(req.text, 600)));
    reply.requests.push_back(std::move(r));
    return reply;
  }
  // convert: every request readable by the deputy and open (or converted under this request).
  if (req.deputy.empty()) {
    return InvalidArgument("convert names the deputy who leads the suggestion (deputy)");
  }
  std::vector<PeopleRequest> gathered;
  for (const auto& code : req.codes) {
    DUBAN_ASSIGN_OR_RETURN(store::StoredRequest stored, requests.Get(code));
    DUBAN_RETURN_IF_ERROR(MayAct(stored.request, req.deputy, rules));
    gathered.push_back(std::move(stored.request));
  }
  SuggestionDraft draft;
  draft.title = req.title;
  draft.content = req.content.empty() ? ContentOf(gathered) : req.content;
  draft.category = req.category;
  draft.deputy = {req.deputy, req.deputy_name, ""};
  draft.session = std::to_string(static_cast<int>(LocalDateOf(now, offset).year()));
  draft.requests = req.codes;
  DUBAN_RETURN_IF_ERROR(ValidateDraft(draft));
  DUBAN_ASSIGN_OR_RETURN(std::string under, requests.Converting(req.request_id, req.codes));
  DUBAN_ASSIGN_OR_RETURN(auto submitted,
                         store_.Submit(now, kConversionRequestIdTtlS,
                                       {store::SubmitItem{under, draft.session, EncodeBare(draft),
                                                          "deputy:" + req.deputy + "/" + req.actor,
                                                          req.deputy}}));
  if (submitted.size() != 1) return Internal("submit answered " + std::to_string(submitted.size()));
  const store::SubmitResult& s = submitted[0];
  if (s.conflict) {
    return FailedPrecondition("these requests were being turned into another suggestion (request "
                              "id " + under + "): convert them again with the same title and text");
  }
  if (!s.duplicate) submitted_work_ = true;
  for (const auto& code : req.codes) {
    DUBAN_ASSIGN_OR_RETURN(PeopleRequest r, change(code, "converted", [&](const PeopleRequest& r) {
      return Convert(r, s.code, actor, now);
    }, "turned into suggestion " + s.code));
    reply.requests.push_back(std::move(r));
  }
  counters_.Increment(s.duplicate ? "api.request_conversions_repeated" : "api.request_conversions");
  std::string codes;
  for (const auto& c : req.codes) codes += (codes.empty() ? "" : ",") + c;
  Logger("broker.api")->info("requests {} turned into suggestion {} by {} ({})", codes, s.code,
                             actor, s.duplicate ? "known" : "new");
  reply.result = s.duplicate ? "known" : "new";
  reply.suggestion = s.code;
  return reply;
}

}  // namespace duban::services
