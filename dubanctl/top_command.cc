#include "dubanctl/top_command.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <vector>

#include "dubanctl/table.h"
#include "dubanctl/workers_command.h"

namespace duban::ctl {
namespace {

using namespace protocol;

std::atomic<bool> g_quit{false};
void OnQuitSignal(int) { g_quit.store(true); }

// The counters shown, in order: (label, duban.stats name).
const std::pair<const char*, const char*> kTopCounters[] = {
    {"dispatched", "broker.dispatched"},
    {"acked", "broker.acked"},
    {"outcomes applied", "broker.outcomes_applied"},
    {"retried", "broker.retried"},
    {"dead-lettered", "broker.dead_lettered"},
    {"timers fired", "broker.timers_fired"},
    {"stale replies", "broker.stale_replies"},
    {"workers lost", "broker.workers_lost"},
};

// Puts the terminal in a state for a full-screen view and restores it when destroyed: alternate
// screen, hidden cursor, and (when stdin is a terminal) keys without line buffering or echo.
// Ctrl-C still raises SIGINT (ISIG stays on).
class TerminalSession {
 public:
  TerminalSession() {
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios raw = saved_;
      raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
      raw.c_cc[VMIN] = 0;
      raw.c_cc[VTIME] = 0;
      keys_ = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    std::cout << "\x1b[?1049h\x1b[?25l" << std::flush;
  }
  ~TerminalSession() {
    std::cout << "\x1b[?25h\x1b[?1049l" << std::flush;
    if (keys_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  TerminalSession(const TerminalSession&) = delete;
  TerminalSession& operator=(const TerminalSession&) = delete;

  // Waits up to `ms` for a key; true when q or Q was pressed (or a signal asked to quit).
  bool WaitForQuit(std::int64_t ms) const {
    const Millis until = SystemClock().NowMs() + ms;
    for (;;) {
      if (g_quit.load()) return true;
      Millis left = until - SystemClock().NowMs();
      if (left <= 0) return false;
      if (!keys_) {
        poll(nullptr, 0, static_cast<int>(std::min<Millis>(left, 100)));
        continue;
      }
      pollfd p{STDIN_FILENO, POLLIN, 0};
      int n = poll(&p, 1, static_cast<int>(std::min<Millis>(left, 100)));
      if (n <= 0 || !(p.revents & POLLIN)) continue;  // timeout, or EINTR from a signal
      char c = 0;
      if (read(STDIN_FILENO, &c, 1) == 1 && (c == 'q' || c == 'Q')) return true;
    }
  }

 private:
  termios saved_{};
  bool keys_ = false;
};

int TerminalRows() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  return 0;
}

// Reads one sample. A call without reply drops the client (a late reply must not answer the next
// call) and skips the rest; *client is made again on the next sample.
TopSample Sample(const Context& ctx, std::unique_ptr<BrokerClient>* client) {
  TopSample s;
  s.at_ms = SystemClock().NowMs();
  int exit_code = kExitOk;
  if (!*client) *client = Connect(ctx, &exit_code);
  if (!*client) {
    s.error = "cannot create a client for " + ctx.options.broker;
    return s;
  }
  auto queues = (*client)->Call<svc::Queues>(QueuesRequest{});
  if (!queues.ok()) {
    s.error = queues.failure.text;
    if (queues.failure.exit_code == kExitNoReply) client->reset();
    return s;
  }
  auto stats = (*client)->Call<svc::Stats>(StatsRequest{});
  if (!stats.ok()) {
    s.error = stats.failure.text;
    if (stats.failure.exit_code == kExitNoReply) client->reset();
    return s;
  }
  s.queues = std::move(*queues.reply);
  for (auto& [k, v] : stats.reply->counters) s.counters[k] = v;
  auto workers = (*client)->Call<svc::Workers>(WorkersRequest{});
  if (workers.ok()) {
    s.workers = std::move(*workers.reply);
  } else {
    s.workers_error = workers.failure.text;
    if (workers.failure.exit_code == kExitNoReply) client->reset();
  }
  return s;
}

std::string Rate(std::int64_t delta, Millis elapsed_ms) {
  if (elapsed_ms <= 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f/s", static_cast<double>(delta) * 1000.0 / elapsed_ms);
  return buf;
}

// `frame` cut to the terminal: at most `rows` lines, each at most `columns` wide (0 = no limit).
std::string FitToTerminal(const std::string& frame, int columns, int rows) {
  std::istringstream in(frame);
  std::string line, out;
  int n = 0;
  while (std::getline(in, line)) {
    if (rows > 0 && n == rows - 1) break;  // keep the last row free: no scrolling
    out += (columns > 0 ? TruncateToWidth(line, columns) : line) + "\x1b[K\n";
    ++n;
  }
  return out;
}

}  // namespace

std::string RenderTopFrame(const Context& ctx, const TopSample& now, const TopSample* before,
                           std::int64_t interval_ms) {
  std::ostringstream out;
  out << "dubanctl top — broker " << ctx.options.broker << " — "
      << FormatLocalTime(now.at_ms, ctx.utc_offset_minutes) << " — every " << interval_ms / 1000.0
      << " s — q quits\n\n";
  if (!now.queues) {
    out << "broker not answering: " << now.error << "\nretrying every " << interval_ms / 1000.0
        << " s…\n";
    return out.str();
  }
  const QueuesReply& q = *now.queues;
  Table services({"SERVICE", "QUEUED", "INFLIGHT", "DEAD", "WORKERS", "IDLE", "STATE"});
  for (std::size_t c = 1; c < 6; ++c) services.AlignRight(c);
  std::int64_t queued = 0, inflight = 0, dead = 0, workers = 0;
  for (const ServiceStats& s : q.services) {
    services.AddRow({s.name, std::to_string(s.queued), std::to_string(s.inflight),
                     std::to_string(s.dead), std::to_string(s.workers),
                     std::to_string(s.idle_workers), s.paused ? "PAUSED" : "running"});
    queued += s.queued;
    inflight += s.inflight;
    dead += s.dead;
    workers += s.workers;
  }
  if (q.services.empty()) {
    out << "no services yet (no work queued, no worker ready)\n";
  } else {
    services.Print(out);
    out << "total: " << queued << " queued, " << inflight << " in flight, " << dead << " dead, "
        << workers << (workers == 1 ? " worker\n" : " workers\n");
  }
  out << "timers pending: " << q.timers;
  if (q.next_timer_due_ms >= 0) {
    out << " · next due " << FormatLocalTime(q.next_timer_due_ms, ctx.utc_offset_minutes);
  }
  out << "\n\n";

  if (now.workers) {
    if (now.workers->workers.empty())
      out << "no live workers\n";
    else
      WorkersTable(*now.workers).Print(out);
  } else {
    out << "workers: " << now.workers_error << '\n';
  }
  out << '\n';

  Table counters({"COUNTER", "TOTAL", "RATE"});
  counters.AlignRight(1);
  counters.AlignRight(2);
  const Millis elapsed = before && before->queues ? now.at_ms - before->at_ms : 0;
  for (const auto& [label, name] : kTopCounters) {
    auto it = now.counters.find(name);
    std::int64_t total = it == now.counters.end() ? 0 : it->second;
    std::string rate = "-";
    if (elapsed > 0) {
      auto b = before->counters.find(name);
      std::int64_t was = b == before->counters.end() ? 0 : b->second;
      rate = Rate(total >= was ? total - was : total, elapsed);  // a restart resets counters
    }
    counters.AddRow({label, std::to_string(total), rate});
  }
  counters.Print(out);
  return out.str();
}

Action SetUpTop(CLI::App& sub) {
  auto interval = std::make_shared<std::int64_t>(1000);
  sub.add_option("--interval-ms", *interval, "Milliseconds between refreshes")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{200}, std::int64_t{60000}));
  return [interval](const Context& given) {
    Context ctx = given;
    // A refresh must not wait longer than a few intervals for an absent broker.
    ctx.options.timeout_ms =
        std::min(ctx.options.timeout_ms, std::max<std::int64_t>(*interval, 1000));
    std::unique_ptr<BrokerClient> client;
    if (!isatty(STDOUT_FILENO)) {
      TopSample s = Sample(ctx, &client);
      std::cout << RenderTopFrame(ctx, s, nullptr, *interval);
      if (!s.queues) {
        std::cerr << "error: " << s.error << '\n';
        return kExitNoReply;
      }
      return kExitOk;
    }

    g_quit.store(false);
    struct sigaction sa {};
    sa.sa_handler = OnQuitSignal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_int {
    }, old_term{};
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    {
      TerminalSession terminal;
      std::optional<TopSample> before;
      while (!g_quit.load()) {
        TopSample now = Sample(ctx, &client);
        std::string frame = RenderTopFrame(ctx, now, before ? &*before : nullptr, *interval);
        std::cout << "\x1b[H" << FitToTerminal(frame, TerminalColumns(), TerminalRows()) << "\x1b[J"
                  << std::flush;
        if (now.queues) before = std::move(now);
        if (terminal.WaitForQuit(*interval)) break;
      }
    }
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    return kExitOk;
  };
}

}  // namespace duban::ctl
