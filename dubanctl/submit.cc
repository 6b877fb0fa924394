#include "dubanctl/submit.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <deque>
#include <iostream>
#include <memory>

#include "dubanctl/json_view.h"
#include "dubanctl/suggestion_file.h"

namespace duban::ctl {
namespace {

using protocol::SubmitReply;

struct SubmitFlags {
  std::string file;
  std::string title, content, category, deputy_id, deputy_name, deputy_contact, session, request_id;
  std::vector<std::string> keywords, co_signers;
  bool verbose = false;
};

struct ItemResult {
  enum class Kind { kPending, kSubmitted, kDuplicate, kFailed };
  Kind kind = Kind::kPending;
  SubmitReply reply;
  Status error;  // kFailed: why
};

// "[#######-------------]  340/1000" on stderr, redrawn in place. Only when stderr is a terminal
// and there is more than one item: in a log file the carriage returns would be noise.
class ProgressBar {
 public:
  ProgressBar(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}

  // Redraws when the shown percentage changes (cheap even for 100,000 items).
  void Update(std::size_t done) {
    if (!enabled_) return;
    std::size_t percent = total_ == 0 ? 100 : done * 100 / total_;
    if (drawn_ && percent == percent_ && done != total_) return;
    percent_ = percent;
    constexpr std::size_t kWidth = 30;
    std::size_t filled = percent * kWidth / 100;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "] "
              << done << "/" << total_ << std::flush;
    drawn_ = true;
  }
  // Erases the bar so that a message can be printed on a clean line.
  void Clear() {
    if (!enabled_ || !drawn_) return;
    std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::size_t percent_ = 0;
};

// Sends every pending item, at most kSubmitWindow in flight, and fills `results` in item order.
//
// Matching replies to items: SubmitReply does not name its request_id, so replies are matched in
// the order the requests were sent. That holds because one client's messages reach the broker's
// ROUTER in order, each loop turn answers the submits it gathered in order, and the only submits
// the broker answers out of turn are those it refuses before Redis (undecodable or failing
// ValidateDraft) — which is why every item passes ValidateDraft here before it is sent.
// Returns the failure that stopped the run (no reply: the rest stay unconfirmed), if any.
std::optional<CallFailure> SendAll(BrokerClient& client, const std::vector<FileItem>& items,
                                   std::vector<ItemResult>* results, ProgressBar* progress,
                                   const std::function<void(std::size_t)>& on_failure) {
  std::size_t done = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if ((*results)[i].kind != ItemResult::Kind::kPending) ++done;
  }
  progress->Update(done);
  std::deque<std::size_t> in_flight;
  std::size_t next = 0;
  while (true) {
    while (in_flight.size() < kSubmitWindow) {
      while (next < items.size() && (*results)[next].kind != ItemResult::Kind::kPending) ++next;
      if (next == items.size()) break;
      if (auto failed = client.Send(std::string(protocol::svc::Submit::kName), items[next].request)) return failed;
      in_flight.push_back(next++);
    }
    if (in_flight.empty()) return std::nullopt;
    auto answer = client.Receive<protocol::svc::Submit>();
    if (!answer.ok() && answer.failure.exit_code == kExitNoReply) return answer.failure;
    std::size_t i = in_flight.front();
    in_flight.pop_front();
    ItemResult& r = (*results)[i];
    if (answer.ok()) {
      r.reply = *answer.reply;
      r.kind = r.reply.duplicate ? ItemResult::Kind::kDuplicate : ItemResult::Kind::kSubmitted;
    } else {
      r.kind = ItemResult::Kind::kFailed;
      r.error = answer.failure.status;
      on_failure(i);
    }
    progress->Update(++done);
  }
}

Json ResultJson(const FileItem& item, const ItemResult& r) {
  Json j = {{"request_id", item.request.request_id}, {"origin", item.origin}};
  if (r.kind == ItemResult::Kind::kSubmitted || r.kind == ItemResult::Kind::kDuplicate) {
    j["ok"] = true;
    Json reply = protocol::ToJson(r.reply);
    reply.erase("request_id");  // the item's, above (an older broker does not echo it)
    j.update(reply);
  } else {
    j["ok"] = false;
    j["error"] = ToJson(r.error);
  }
  return j;
}

Result<std::vector<FileItem>> ItemsFromFlags(const SubmitFlags& f, const std::string& session) {
  std::string missing;
  auto need = [&](const std::string& v, const char* flag) {
    if (v.empty()) missing += std::string(missing.empty() ? "" : ", ") + flag;
  };
  need(f.title, "--title");
  need(f.content, "--content");
  need(f.deputy_id, "--deputy-id");
  need(f.deputy_name, "--deputy-name");
  if (!missing.empty()) {
    return InvalidArgument(
        "submit needs --title, --content, --deputy-id and --deputy-name, or "
        "--file FILE; missing: " +
        missing);
  }
  FileItem item;
  item.origin = "command line";
  auto& r = item.request;
  r.request_id = f.request_id.empty() ? RandomRequestId() : f.request_id;
  r.draft = {f.title,
             f.content,
             f.category,
             f.keywords,
             {f.deputy_id, f.deputy_name, f.deputy_contact},
             f.co_signers,
             session};
  return std::vector<FileItem>{std::move(item)};
}

int RunSubmit(const Context& ctx, const SubmitFlags& f) {
  const bool from_file = !f.file.empty();
  const std::string session = f.session.empty() ? CurrentSession(ctx) : f.session;
  std::vector<FileItem> items;
  if (from_file) {
    auto read = ReadSuggestionFile(f.file, session);
    if (!read.ok()) {
      std::cerr << "error: " << read.status().message() << '\n';
      return kExitBadFile;
    }
    items = std::move(read).value();
  } else {
    auto built = ItemsFromFlags(f, session);
    if (!built.ok()) {
      std::cerr << "error: " << built.status().message()
                << "\nRun with --help for more information.\n";
      return kExitUsage;
    }
    items = std::move(built).value();
  }

  std::vector<ItemResult> results(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (Status s = protocol::ValidateDraft(items[i].request.draft); !s.ok()) {
      results[i].kind = ItemResult::Kind::kFailed;
      results[i].error = s;
    }
  }
  ProgressBar progress(items.size(), items.size() > 1 && isatty(STDERR_FILENO) != 0);
  auto print_failure = [&](std::size_t i) {
    progress.Clear();
    std::cerr << "error: " << items[i].request.request_id << " (" << items[i].origin
              << "): " << results[i].error.ToString() << '\n';
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (results[i].kind == ItemResult::Kind::kFailed) print_failure(i);
  }

  std::optional<CallFailure> stopped;
  int exit_code = kExitOk;
  if (auto client = Connect(ctx, &exit_code)) {
    stopped = SendAll(*client, items, &results, &progress, print_failure);
  } else {
    return exit_code;
  }
  progress.Clear();

  std::size_t submitted = 0, duplicates = 0, failed = 0, unconfirmed = 0;
  for (auto& r : results) {
    if (r.kind == ItemResult::Kind::kPending) {  // never answered: the broker stopped
      r.kind = ItemResult::Kind::kFailed;
      r.error = stopped ? stopped->status : Internal("not sent");
      ++unconfirmed;
    }
    submitted += r.kind == ItemResult::Kind::kSubmitted;
    duplicates += r.kind == ItemResult::Kind::kDuplicate;
    failed += r.kind == ItemResult::Kind::kFailed;
  }
  if (stopped) {
    ReportFailure(*stopped);
    std::cerr << unconfirmed << (unconfirmed == 1 ? " item is" : " items are")
              << " unconfirmed (maybe filed, maybe not). Run the same command again"
              << (from_file ? "" : " with --request-id " + items[0].request.request_id)
              << ": the request ids make a repeat safe.\n";
  }

  if (ctx.options.json) {
    Json list = Json::array();
    for (std::size_t i = 0; i < items.size(); ++i) list.push_back(ResultJson(items[i], results[i]));
    Print(std::cout, {{"results", list},
                      {"submitted", submitted},
                      {"duplicates", duplicates},
                      {"failed", failed}});
  } else if (!from_file) {
    const ItemResult& r = results[0];
    const std::string& id = items[0].request.request_id;
    if (r.kind == ItemResult::Kind::kSubmitted) {
      std::cout << "submitted " << r.reply.code << " (" << r.reply.state << "), request id " << id
                << '\n';
    } else if (r.kind == ItemResult::Kind::kDuplicate) {
      std::cout << "duplicate: request id " << id << " was already submitted as " << r.reply.code
                << " (" << r.reply.state << ")\n";
    }
  } else {
    if (f.verbose) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        const ItemResult& r = results[i];
        if (r.kind == ItemResult::Kind::kFailed) continue;
        std::cout << items[i].request.request_id << "  " << r.reply.code << "  " << r.reply.state
                  << (r.kind == ItemResult::Kind::kDuplicate ? "  duplicate" : "") << '\n';
      }
    }
    std::cout << submitted << " submitted, " << duplicates << " duplicates, " << failed
              << " failed\n";
  }
  if (stopped) return stopped->exit_code;
  return failed == 0 ? kExitOk : kExitRefused;
}

}  // namespace

Action SetUpSubmit(CLI::App& sub) {
  auto f = std::make_shared<SubmitFlags>();
  CLI::Option* file =
      sub.add_option("--file,-f", f->file,
                     "Submit every suggestion of a .json file (the format of "
                     "config/demo/suggestions.json) or a .csv file (header: request_id,title,"
                     "content,category,keywords,deputy_id,deputy_name,deputy_contact,co_signers,"
                     "session; lists separated by ';'). Items without a request_id get one derived "
                     "from their content, so re-running the file files nothing twice.");
  std::vector<CLI::Option*> single = {
      sub.add_option("--title", f->title, "Title (标题)"),
      sub.add_option("--content", f->content, "Text of the suggestion (内容)"),
      sub.add_option("--category", f->category, "Category, e.g. 教育"),
      sub.add_option("--keyword", f->keywords, "A keyword (repeatable)")->allow_extra_args(false),
      sub.add_option("--deputy-id", f->deputy_id, "Lead deputy's id (领衔代表)"),
      sub.add_option("--deputy-name", f->deputy_name, "Lead deputy's name"),
      sub.add_option("--deputy-contact", f->deputy_contact, "Lead deputy's phone or e-mail"),
      sub.add_option("--co-signer", f->co_signers, "A co-signing deputy's name (联名, repeatable)")
          ->allow_extra_args(false),
      sub.add_option("--request-id", f->request_id,
                     "Idempotency key; a repeat answers the first result (default: random hex, "
                     "printed)"),
  };
  for (CLI::Option* o : single) file->excludes(o);
  sub.add_option(
      "--session", f->session,
      "Session (届次/年度), default the current year; with --file, for items without one");
  sub.add_flag("--verbose,-v", f->verbose, "With --file: print each item's code");
  return [f](const Context& ctx) { return RunSubmit(ctx, *f); };
}

}  // namespace duban::ctl
