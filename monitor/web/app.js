// The Duban dashboard's script: fetches the monitor's /api/ endpoints, fills the page, refreshes
// every sampling interval, and sends staff actions (replay, pause, resume). Chinese by default;
// ?lang=en (or the button) switches to English. Text from the broker is always inserted as text
// (textContent), never as HTML.
// Every action carries the CSRF token of GET /api/session in X-CSRF-Token (docs/monitoring.md,
// Access); when the monitor asks for a staff sign-in, a 401 sends the page to /login.
"use strict";

const I18N = {
  zh: {
    title: "督办监控台", switch_to: "English", broker_up: "调度中心在线", broker_down: "调度中心无响应",
    banner: "调度中心无法连接或不可用（{0}）：{1}。页面上的数字不是最新的，监控会自动重试。",
    updated: "更新于 {0}", card_queued: "排队任务", card_inflight: "处理中", card_dead: "死信",
    card_workers: "在线工作进程", card_timers: "待触发定时器", next_due: "最近到期",
    card_overdue: "逾期未答复", services: "服务队列", col_service: "服务", col_queued: "排队",
    col_inflight: "处理中", col_dead: "死信", col_workers: "在线", col_idle: "空闲", col_state: "状态",
    running: "运行中", paused: "已暂停", pause: "暂停", resume: "恢复", no_services: "暂无服务",
    throughput: "近一小时吞吐量", throughput_note: "每分钟完成任务数（确认 + 结果应用）；",
    throughput_sum: "一小时内完成", completed_per_min: "完成/分钟", dispatched_per_min: "派发/分钟",
    workers: "工作进程", col_worker: "编号", col_busy: "状态", col_task: "任务", col_heartbeat: "心跳距今",
    busy: "忙碌", idle: "空闲", no_workers: "没有在线的工作进程", seconds_ago: "{0} 秒",
    workers_unavailable: "工作进程列表不可用：{0}",
    overdue: "逾期未答复（按主办单位）", overdue_count: "逾期件数",
    overdue_note: "截至 {0}（本地日期）共 {1} 件逾期。", overdue_capped: "列表上限 {0} 条，数字为下限。",
    no_overdue: "没有逾期未答复的建议。", no_unit: "（未指定）",
    escalations: "最近督办升级", agenda: "下次主任会议议程", none_yet: "暂无", unavailable: "不可用：{0}",
    dead_letters: "死信任务", col_attempts: "尝试", col_reason: "原因", replay: "重新投递", no_dead: "没有死信",
    search: "建议查询", search_button: "查询", not_found: "未找到 {0}", state: "状态", deputy: "领衔代表",
    units: "承办单位", deadline: "答复期限", submitted: "提交时间", timeline: "办理过程",
    col_time: "时间", col_actor: "操作者", col_action: "动作", col_change: "状态变化", col_note: "说明",
    lead: "主办", co: "协办", chart_missing: "图表库 Chart.js 未加载（请安装 libjs-chart.js）。",
    done_pause: "已暂停 {0}", done_resume: "已恢复 {0}", done_replay: "任务 {0} 已重新放回队列",
    failed: "操作失败：{0}", footer: "数据每隔几秒从调度中心采样一次；操作仅限本机或登录的工作人员。",
    logout: "退出登录",
    cal_assumed: "{0} 年尚无工作日历：{1} 个待触发的工作日定时器按周一至周五推算。国务院办公厅放假通知发布后请添加 {0} 年日历文件，再运行 dubanctl calendar replan。",
    cal_replan: "{0} 年工作日历已更新：至多 {1} 件建议的待触发定时器需要重新推算，请运行 dubanctl calendar replan。",
    st_SUBMITTED: "已提交", st_IN_REVIEW: "待审核", st_WITHDRAWN: "已撤回", st_MERGED: "已并案",
    st_RETURNED_FOR_REWORK: "退回修改", st_ACCEPTED: "已立案", st_ASSIGNED: "已交办",
    st_IN_HANDLING: "办理中", st_REPLIED: "已答复", st_EVALUATED: "已测评", st_CLOSED: "已办结",
    st_REHANDLING: "重新办理", st_FOLLOW_UP: "跟踪落实",
  },
  en: {
    title: "Duban monitor", switch_to: "中文", broker_up: "broker answering", broker_down: "broker not answering",
    banner: "The broker is unreachable or unavailable ({0}): {1}. The figures on this page are not current; the monitor keeps retrying.",
    updated: "updated {0}", card_queued: "Queued tasks", card_inflight: "In flight", card_dead: "Dead letters",
    card_workers: "Live workers", card_timers: "Timers pending", next_due: "next due",
    card_overdue: "Overdue replies", services: "Service queues", col_service: "Service", col_queued: "Queued",
    col_inflight: "In flight", col_dead: "Dead", col_workers: "Live", col_idle: "Idle", col_state: "State",
    running: "running", paused: "paused", pause: "Pause", resume: "Resume", no_services: "No services yet",
    throughput: "Throughput, last hour", throughput_note: "Tasks completed per minute (acks + applied outcomes); ",
    throughput_sum: "completed in the hour:", completed_per_min: "completed/min", dispatched_per_min: "dispatched/min",
    workers: "Workers", col_worker: "Id", col_busy: "State", col_task: "Task", col_heartbeat: "Heartbeat age",
    busy: "busy", idle: "idle", no_workers: "No live workers", seconds_ago: "{0} s",
    workers_unavailable: "Worker list unavailable: {0}",
    overdue: "Overdue replies by lead unit", overdue_count: "overdue",
    overdue_note: "{1} overdue as of {0} (local date).", overdue_capped: "Capped by the list limit of {0}: a lower bound.",
    no_overdue: "No suggestion is past its reply deadline.", no_unit: "(none)",
    escalations: "Recent escalations", agenda: "Next directors' meeting agenda", none_yet: "None yet", unavailable: "Unavailable: {0}",
    dead_letters: "Dead letters", col_attempts: "Attempts", col_reason: "Reason", replay: "Replay", no_dead: "No dead letters",
    search: "Find a suggestion", search_button: "Search", not_found: "{0} not found", state: "State", deputy: "Lead deputy",
    units: "Units", deadline: "Reply deadline", submitted: "Submitted", timeline: "Timeline",
    col_time: "Time", col_actor: "Actor", col_action: "Action", col_change: "Change", col_note: "Note",
    lead: "lead", co: "co", chart_missing: "Chart.js did not load (install libjs-chart.js).",
    done_pause: "Paused {0}", done_resume: "Resumed {0}", done_replay: "Task {0} is back on its queue",
    failed: "Failed: {0}", footer: "Figures are sampled from the broker every few seconds; actions only from this machine or by signed-in staff.",
    logout: "Sign out",
    cal_assumed: "No working calendar for {0}: {1} pending working-day timers assume Monday to Friday. Add the {0} calendar file when the State Council's notice is out, then run dubanctl calendar replan.",
    cal_replan: "The working calendar for {0} arrived or changed: the pending timers of up to {1} suggestions need re-planning; run dubanctl calendar replan.",
    st_SUBMITTED: "submitted", st_IN_REVIEW: "in review", st_WITHDRAWN: "withdrawn", st_MERGED: "merged",
    st_RETURNED_FOR_REWORK: "returned for rework", st_ACCEPTED: "accepted", st_ASSIGNED: "assigned",
    st_IN_HANDLING: "in handling", st_REPLIED: "replied", st_EVALUATED: "evaluated", st_CLOSED: "closed",
    st_REHANDLING: "rehandling", st_FOLLOW_UP: "follow-up",
  },
};

let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
let timer = null;
let charts = {};
let lastOverview = null;
let lastSuggestion = null;
let session = null;  // GET /api/session: {csrf, sign_in, name?}

function t(key, ...args) {
  const text = (I18N[lang][key] !== undefined ? I18N[lang][key] : I18N.zh[key]) || key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

// el("td", {class: "num", "data-testid": "x"}, "text" | node | [nodes]).
function el(tag, attrs, content) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of [].concat(content === undefined ? [] : content)) {
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function $(id) { return document.getElementById(id); }
function setText(id, text) { $(id).textContent = text; }
function localTime(iso) { return iso ? iso.slice(0, 19).replace("T", " ") : "–"; }
function stateLabel(s) { return I18N[lang]["st_" + s] ? t("st_" + s) + " (" + s + ")" : s; }

function applyLanguage() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  setText("lang-switch", t("switch_to"));
}

function toast(message, isError) {
  const box = $("toast");
  box.textContent = message;
  box.className = "toast" + (isError ? " error" : "");
  box.hidden = false;
  clearTimeout(box._hide);
  box._hide = setTimeout(() => { box.hidden = true; }, 5000);
}

async function getJson(url, options) {
  try {
    const res = await fetch(url, Object.assign({ credentials: "same-origin" }, options || {}));
    if (res.status === 401) location.assign("/login");  // signed out or the session ended
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    return { ok: res.ok, status: res.status, body };
  } catch (e) {
    return { ok: false, status: 0, body: { error: { code: "UNAVAILABLE", message: String(e) } } };
  }
}

// The CSRF token for the actions, and who is signed in (when the monitor asks for a sign-in).
async function loadSession() {
  const r = await getJson("/api/session");
  if (!r.ok || !r.body) return false;
  session = r.body;
  $("signed-in").hidden = !session.sign_in;
  setText("signed-in-name", session.sign_in ? session.name : "");
  return true;
}

async function post(url, body) {
  if (!session && !(await loadSession())) {
    return { ok: false, status: 0, body: { error: { code: "UNAVAILABLE", message: "no session" } } };
  }
  return getJson(url, { method: "POST", body: JSON.stringify(body),
                        headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf } });
}

function errorText(r) {
  return r.body && r.body.error ? r.body.error.code + ": " + r.body.error.message : "HTTP " + r.status;
}

// ---- rendering ----------------------------------------------------------------------------

function renderBroker(b, up, message) {
  $("broker-dot").className = "dot " + (up ? "up" : "down");
  setText("broker-status", up ? t("broker_up") : t("broker_down"));
  setText("updated-at", b && b.sampled_at ? t("updated", localTime(b.sampled_at).slice(11)) : "");
  const banner = $("banner");
  banner.hidden = up;
  if (!up) banner.textContent = t("banner", b ? b.endpoint : "?", message);
}

function renderOverview(o) {
  setText("total-queued", o.totals.queued);
  setText("total-inflight", o.totals.inflight);
  setText("total-dead", o.totals.dead);
  $("total-dead").parentElement.classList.toggle("warn", o.totals.dead > 0);
  setText("total-workers", o.totals.workers);
  setText("timers-pending", o.timers.pending);
  setText("timers-next-due", localTime(o.timers.next_due));
  renderCalendar(o.calendar);

  const rows = o.services.map((s) => {
    const id = (f) => ({ class: "num", "data-testid": "svc-" + s.name + "-" + f });
    const button = el("button", { type: "button", "data-testid": "svc-" + s.name + "-toggle" },
                      s.paused ? t("resume") : t("pause"));
    button.addEventListener("click", () => act(
        "/api/services/" + encodeURIComponent(s.name) + (s.paused ? "/resume" : "/pause"), {},
        t(s.paused ? "done_resume" : "done_pause", s.name)));
    return el("tr", { "data-testid": "service-row", "data-service": s.name }, [
      el("td", {}, s.name), el("td", id("queued"), s.queued), el("td", id("inflight"), s.inflight),
      el("td", id("dead"), s.dead), el("td", id("workers"), s.workers),
      el("td", id("idle"), s.idle_workers),
      el("td", {}, el("span", { class: "tag " + (s.paused ? "paused" : "running"),
                                "data-testid": "svc-" + s.name + "-paused" },
                      s.paused ? t("paused") : t("running"))),
      el("td", {}, button)]);
  });
  $("services").replaceChildren(...rows);
  $("services-empty").hidden = rows.length > 0;

  const workers = o.workers.map((w) => el("tr", { "data-testid": "worker-row" }, [
    el("td", {}, w.id.slice(0, 12)), el("td", {}, w.service),
    el("td", {}, el("span", { class: "tag " + (w.busy ? "busy" : "running") }, w.busy ? t("busy") : t("idle"))),
    el("td", {}, w.task || "–"),
    el("td", { class: "num" }, t("seconds_ago", (w.last_seen_age_ms / 1000).toFixed(1)))]));
  $("workers").replaceChildren(...workers);
  $("workers-empty").hidden = workers.length > 0 && !o.workers_error;
  if (o.workers_error) $("workers-empty").textContent = t("workers_unavailable", o.workers_error);
}

function renderCalendar(c) {
  const box = $("calendar-warning");
  const lines = ((c && c.warnings) || []).map((y) => y.assumed > 0 && !y.loaded
    ? t("cal_assumed", y.year, y.assumed) : t("cal_replan", y.year, y.suggestions));
  box.hidden = lines.length === 0;
  box.replaceChildren(...lines.map((line) => el("div", { "data-testid": "calendar-warning-line" }, line)));
}

function chart(id, config) {
  if (typeof Chart === "undefined") {
    const box = $(id).parentElement;
    if (!box.querySelector(".note")) box.append(el("p", { class: "note" }, t("chart_missing")));
    return null;
  }
  if (!charts[id]) {
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false },
                                   config.options || {});
    charts[id] = new Chart($(id), config);
  }
  return charts[id];
}

function renderThroughput(tp) {
  setText("throughput-completed", tp.completed);
  const c = chart("throughput-chart", {
    type: "line",
    data: { labels: [], datasets: [
      { label: "", data: [], borderColor: "#1f6feb", backgroundColor: "rgba(31,111,235,.12)", fill: true, pointRadius: 0, tension: .2 },
      { label: "", data: [], borderColor: "#9aa5b1", pointRadius: 0, borderDash: [4, 3], tension: .2 }] },
    options: { scales: { y: { beginAtZero: true },
                         x: { ticks: { maxRotation: 0, autoSkipPadding: 24 } } },
               plugins: { legend: { position: "bottom" } } },
  });
  if (!c) return;
  const perMin = (n, p) => (p.interval_ms > 0 ? (n * 60000) / p.interval_ms : 0);
  // HH:MM over the hour; HH:MM:SS while the series is still short (a fresh monitor).
  const span = tp.points.length > 1 ? tp.points[tp.points.length - 1].at_ms - tp.points[0].at_ms : 0;
  const cut = span < 10 * 60000 ? 19 : 16;
  c.data.labels = tp.points.map((p) => localTime(p.at).slice(11, cut));
  c.data.datasets[0].label = t("completed_per_min");
  c.data.datasets[0].data = tp.points.map((p) => p.completed_per_min);
  c.data.datasets[1].label = t("dispatched_per_min");
  c.data.datasets[1].data = tp.points.map((p) => perMin(p.dispatched, p));
  c.update("none");
}

function renderOverdue(od) {
  setText("overdue-total", od.error ? "?" : od.total);
  let note = od.error ? t("unavailable", od.error)
           : od.total === 0 ? t("no_overdue") : t("overdue_note", od.today, od.total);
  if (od.capped) note += " " + t("overdue_capped", od.list_limit);
  setText("overdue-note", note);
  $("overdue-chart").parentElement.hidden = !od.error && od.total === 0;  // nothing to draw
  const c = chart("overdue-chart", {
    type: "bar",
    data: { labels: [], datasets: [{ label: "", data: [], backgroundColor: "#e8590c" }] },
    options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
               plugins: { legend: { display: false } } },
  });
  if (!c) return;
  // One readable bar per unit: the box grows with the number of units (within limits).
  $("overdue-chart").parentElement.style.height =
      Math.min(Math.max(od.units.length * 20 + 40, 190), 420) + "px";
  c.data.labels = od.units.map((u) => (u.name ? u.name : u.unit || t("no_unit")));
  c.data.datasets[0].label = t("overdue_count");
  c.data.datasets[0].data = od.units.map((u) => u.count);
  c.update("none");
}

function renderNotices(id, list) {
  let items;
  if (list.error) items = [el("li", { class: "muted" }, t("unavailable", list.error))];
  else if (list.items.length === 0) items = [el("li", { class: "muted" }, t("none_yet"))];
  else items = list.items.map((n) => el("li", {}, [el("time", {}, localTime(n.at)),
                                                  el("code", {}, n.code), n.text]));
  $(id).replaceChildren(...items);
}

function renderDeadLetters(d) {
  const rows = d.entries.map((e) => {
    const button = el("button", { type: "button" }, t("replay"));
    button.addEventListener("click", () => act("/api/dlq/replay",
        { service: e.service, task_id: e.task_id }, t("done_replay", e.task_id)));
    return el("tr", { "data-testid": "dlq-row" }, [
      el("td", {}, e.task_id), el("td", {}, e.service), el("td", { class: "num" }, e.attempts),
      el("td", { class: "reason", title: e.reason }, e.reason), el("td", {}, button)]);
  });
  $("dead-letters").replaceChildren(...rows);
  $("dlq-empty").hidden = rows.length > 0;
}

function renderSuggestion(r) {
  const box = $("suggestion");
  if (!r) { box.replaceChildren(); return; }
  if (!r.ok) {
    box.replaceChildren(el("p", { class: "muted" },
        r.status === 404 ? t("not_found", r.code) : t("failed", errorText(r))));
    return;
  }
  const s = r.body.suggestion;
  const units = s.units.map((u) => (u.name || u.unit) + " (" + t(u.role) + ")").join("，") || "–";
  const rows = r.body.timeline.map((a) => el("tr", {}, [
    el("td", {}, localTime(a.at)), el("td", {}, a.actor), el("td", {}, a.action),
    el("td", {}, a.from || a.to ? (a.from || "·") + " → " + a.to : ""), el("td", {}, a.note)]));
  const dl = el("dl", {}, [
    el("dt", {}, t("state")), el("dd", { "data-testid": "suggestion-state" }, stateLabel(s.state)),
    el("dt", {}, t("deputy")), el("dd", {}, s.draft.deputy.name + " (" + s.draft.deputy.id + ")"),
    el("dt", {}, t("submitted")), el("dd", {}, localTime(s.submitted)),
    el("dt", {}, t("units")), el("dd", {}, units),
    el("dt", {}, t("deadline")), el("dd", {}, s.deadline ? s.deadline.date : "–")]);
  const head = el("thead", {}, el("tr", {}, ["col_time", "col_actor", "col_action", "col_change",
                                            "col_note"].map((k) => el("th", {}, t(k)))));
  box.replaceChildren(el("h3", {}, s.code + "  " + s.draft.title), dl,
                      el("h3", {}, t("timeline")), el("table", {}, [head, el("tbody", {}, rows)]));
}

// ---- data flow ----------------------------------------------------------------------------

async function refresh() {
  clearTimeout(timer);
  const ov = await getJson("/api/overview");
  let interval = 5000;
  if (!ov.ok) {
    const b = ov.body && ov.body.broker ? ov.body.broker : lastOverview && lastOverview.broker;
    renderBroker(b, false, ov.body && ov.body.error ? ov.body.error.message : "HTTP " + ov.status);
    document.body.dataset.state = "broker-down";
  } else {
    lastOverview = ov.body;
    interval = ov.body.broker.sample_interval_ms || interval;
    renderBroker(ov.body.broker, true, "");
    renderOverview(ov.body);
    const [tp, od, nt, dl] = await Promise.all([getJson("/api/throughput"),
        getJson("/api/overdue"), getJson("/api/notices"), getJson("/api/dlq")]);
    if (tp.ok) renderThroughput(tp.body);
    if (od.ok) renderOverdue(od.body);
    if (nt.ok) { renderNotices("escalations", nt.body.escalations); renderNotices("agenda", nt.body.agenda); }
    if (dl.ok) renderDeadLetters(dl.body);
    document.body.dataset.state = "ready";
  }
  timer = setTimeout(refresh, Math.min(Math.max(interval, 1000), 10000));
}

async function act(url, body, doneMessage) {
  let r = await post(url, body);
  // 403: the token may have changed (a new sign-in, a restarted monitor): fetch it and try once more.
  if (r.status === 403 && (await loadSession())) r = await post(url, body);
  if (r.ok) toast(doneMessage, false);
  else toast(t("failed", errorText(r)), true);
  refresh();
}

async function search(code) {
  code = code.trim();
  if (!code) return;
  const r = await getJson("/api/suggestions/" + encodeURIComponent(code));
  r.code = code;
  lastSuggestion = r;
  renderSuggestion(r);
}

function switchLanguage() {
  lang = lang === "en" ? "zh" : "en";
  const url = new URL(location.href);
  if (lang === "en") url.searchParams.set("lang", "en"); else url.searchParams.delete("lang");
  history.replaceState(null, "", url);
  applyLanguage();
  if (lastOverview) renderOverview(lastOverview);
  renderSuggestion(lastSuggestion);
  refresh();
}

async function logout() {
  await post("/logout", {});
  location.assign("/login");
}

document.addEventListener("DOMContentLoaded", () => {
  applyLanguage();
  loadSession();
  $("lang-switch").addEventListener("click", switchLanguage);
  $("logout").addEventListener("click", logout);
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search-code").value); });
  const code = new URLSearchParams(location.search).get("code");  // ?code=S2026-00001 opens one
  if (code) { $("search-code").value = code; search(code); }
  refresh();
});
