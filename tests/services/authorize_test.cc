#include "services/authorize.h"

#include <gtest/gtest.h>

#include "common/protocol/services.h"

namespace duban::services {
namespace {

using protocol::Caller;
using protocol::Grant;
namespace svc = protocol::svc;

Caller Key(std::string name, std::vector<Grant> grants) {
  return Caller{Caller::Kind::kKey, std::move(name), std::move(grants)};
}
const Caller kStaff = Key("wang", {{svc::kStaff, ""}});
const Caller kClerk = Key("clerk", {{svc::kUnit, "jyj"}});
const Caller kDeputy = Key("dep", {{svc::kDeputy, "D1"}});
const Caller kDirector = Key("li", {{svc::kDirector, "李主任"}});
const Caller kMonitor = Key("mon", {{svc::kMonitor, ""}});

const std::function<bool(const std::string&, const std::string&)> kLeads =
    [](const std::string& name, const std::string& code) {
      return name == "李主任" && code == "S2026-00001";
    };

template <typename S>
Scope For(const Caller& c) {
  return Scope{c, S::kCallers, &kLeads};
}

TEST(AuthorizeTest, AUnitActsOnlyAsItselfAndTheActorIsItsKey) {
  protocol::UnitActionRequest r{"S2026-00001", "jyj", "冒名者"};
  ASSERT_TRUE(Authorize(For<svc::Sign>(kClerk), r).ok());
  EXPECT_EQ(r.actor, "clerk");
  protocol::UnitActionRequest other{"S2026-00001", "mzj", "x"};
  EXPECT_EQ(Authorize(For<svc::Sign>(kClerk), other).code(), StatusCode::kPermissionDenied);
  protocol::ReplyRequest reply;
  reply.unit = "mzj";
  EXPECT_EQ(Authorize(For<svc::UnitReply>(kClerk), reply).code(), StatusCode::kPermissionDenied);
  // Without keys the request's own actor stays.
  protocol::UnitActionRequest local{"S2026-00001", "mzj", "zhang"};
  ASSERT_TRUE(Authorize(For<svc::Sign>(Caller::Local()), local).ok());
  EXPECT_EQ(local.actor, "zhang");
}

TEST(AuthorizeTest, ADeputySubmitsAndEvaluatesOnlyAsItself) {
  protocol::SubmitRequest s;
  s.draft.deputy.id = "D2";
  EXPECT_EQ(Authorize(For<svc::Submit>(kDeputy), s).code(), StatusCode::kPermissionDenied);
  s.draft.deputy.id = "D1";
  EXPECT_TRUE(Authorize(For<svc::Submit>(kDeputy), s).ok());
  EXPECT_TRUE(Authorize(For<svc::Submit>(kStaff), s).ok());
  EXPECT_EQ(SubmitActor(kDeputy, s), "deputy:D1/dep");
  EXPECT_EQ(SubmitActor(kStaff, s), "staff:wang");
  EXPECT_EQ(SubmitActor(Caller::Local(), s), "deputy:D1");
  protocol::EvaluateRequest e{"S2026-00001", "D2"};
  EXPECT_EQ(Authorize(For<svc::Evaluate>(kDeputy), e).code(), StatusCode::kPermissionDenied);
  e.deputy = "D1";
  ASSERT_TRUE(Authorize(For<svc::Evaluate>(kDeputy), e).ok());
  EXPECT_EQ(e.actor, "deputy:D1/dep");
}

TEST(AuthorizeTest, AReadOfOneSuggestionIsCheckedAgainstTheRecord) {
  protocol::GetRequest req{"S2026-00001"};
  protocol::GetReply reply;
  reply.suggestion.code = "S2026-00001";
  reply.suggestion.draft.deputy = {"D1", "代表", "13800000000"};
  reply.suggestion.units = {{"jyj"}};
  auto read = [&](const Caller& c) {
    protocol::GetReply copy = reply;
    Status s = AuthorizeReply(For<svc::Get>(c), req, copy);
    return std::make_pair(s, copy.suggestion.draft.deputy.contact);
  };
  EXPECT_EQ(read(kStaff), std::make_pair(Status::Ok(), std::string("13800000000")));
  EXPECT_EQ(read(kDeputy), std::make_pair(Status::Ok(), std::string("13800000000")));
  EXPECT_EQ(read(kClerk), std::make_pair(Status::Ok(), std::string()));
  EXPECT_EQ(read(kDirector), std::make_pair(Status::Ok(), std::string()));
  EXPECT_EQ(read(Key("other", {{svc::kUnit, "mzj"}})).first.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(read(Key("d2", {{svc::kDeputy, "D2"}})).first.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(read(Key("zhao", {{svc::kDirector, "赵主任"}})).first.code(),
            StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, AUnitListsItsOwnTasksAndReadsItsOwnInbox) {
  protocol::ListRequest l;
  ASSERT_TRUE(Authorize(For<svc::List>(kClerk), l).ok());
  EXPECT_EQ(l.unit, "jyj");
  l.unit = "mzj";
  EXPECT_EQ(Authorize(For<svc::List>(kClerk), l).code(), StatusCode::kPermissionDenied);
  protocol::InboxRequest in{"unit:jyj"};
  EXPECT_TRUE(Authorize(For<svc::Inbox>(kClerk), in).ok());
  in.recipient = "unit:mzj";
  EXPECT_EQ(Authorize(For<svc::Inbox>(kClerk), in).code(), StatusCode::kPermissionDenied);
  in.recipient = "office:director:李主任";
  EXPECT_TRUE(Authorize(For<svc::Inbox>(kDirector), in).ok());
  in.recipient = "deputy:D1";
  EXPECT_TRUE(Authorize(For<svc::Inbox>(kDeputy), in).ok());
  EXPECT_EQ(Authorize(For<svc::Inbox>(kDirector), in).code(), StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, TheActionDecidesTheRoleWhereAServiceHasSeveral) {
  protocol::AgendaRequest show;
  EXPECT_TRUE(Authorize(For<svc::Agenda>(kDirector), show).ok());
  protocol::AgendaRequest lead;
  lead.action = "lead";
  EXPECT_EQ(Authorize(For<svc::Agenda>(kDirector), lead).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(Authorize(For<svc::Agenda>(kStaff), lead).ok());
  EXPECT_EQ(lead.actor, "wang");
  protocol::DlqRequest list;
  EXPECT_TRUE(Authorize(For<svc::Dlq>(kMonitor), list).ok());
  protocol::DlqRequest replay;
  replay.action = "replay";
  EXPECT_EQ(Authorize(For<svc::Dlq>(kMonitor), replay).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Authorize(For<svc::Dlq>(kStaff), replay).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(For<svc::Dlq>(Key("ops", {{svc::kAdmin, ""}})), replay).ok());
  protocol::CalendarRequest replan;
  replan.action = "replan";
  EXPECT_EQ(Authorize(For<svc::Calendar>(kMonitor), replan).code(), StatusCode::kPermissionDenied);
  // Directors read the face-to-face sessions; staff schedule them and record outcomes.
  protocol::SessionRequest sessions;
  EXPECT_TRUE(Authorize(For<svc::Session>(kDirector), sessions).ok());
  sessions.action = "show";
  EXPECT_TRUE(Authorize(For<svc::Session>(kDirector), sessions).ok());
  for (const char* write : {"schedule", "outcome"}) {
    protocol::SessionRequest w;
    w.action = write;
    w.actor = "someone-else";
    EXPECT_EQ(Authorize(For<svc::Session>(kDirector), w).code(), StatusCode::kPermissionDenied)
        << write;
    ASSERT_TRUE(Authorize(For<svc::Session>(kStaff), w).ok()) << write;
    EXPECT_EQ(w.actor, "wang") << "the key's name is the actor";
  }
}

TEST(AuthorizeTest, ThePeopleSendRequestsAndDeputiesActOnThemAsThemselves) {
  const Caller anyone = Caller::Public();
  for (const char* open : {"submit", "status"}) {
    protocol::RequestRequest r;
    r.action = open;
    r.deputy = "D1";
    r.actor = "staff";
    ASSERT_TRUE(Authorize(For<svc::Requests>(anyone), r).ok()) << open;
    EXPECT_EQ(r.actor, "public");
    EXPECT_EQ(r.deputy, "") << "the public acts as no deputy";
  }
  for (const char* closed : {"list", "show", "ack", "answer", "convert", "counts"}) {
    protocol::RequestRequest r;
    r.action = closed;
    EXPECT_EQ(Authorize(For<svc::Requests>(anyone), r).code(), StatusCode::kPermissionDenied)
        << closed;
  }
  protocol::RequestRequest ack;
  ack.action = "ack";
  ASSERT_TRUE(Authorize(For<svc::Requests>(kDeputy), ack).ok());
  EXPECT_EQ(ack.deputy, "D1") << "its own id is filled in";
  EXPECT_EQ(ack.actor, "dep");
  protocol::RequestRequest as_other;
  as_other.action = "convert";
  as_other.deputy = "D2";
  EXPECT_EQ(Authorize(For<svc::Requests>(kDeputy), as_other).code(),
            StatusCode::kPermissionDenied);
  protocol::RequestRequest staff;
  staff.action = "counts";
  ASSERT_TRUE(Authorize(For<svc::Requests>(kStaff), staff).ok());
  EXPECT_EQ(staff.deputy, "");
  protocol::RequestRequest clerk;
  EXPECT_EQ(Authorize(For<svc::Requests>(kClerk), clerk).code(), StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, AScopedRoleCannotUseAServiceThatHasNoScopedForm) {
  // duban.queues lists staff, monitor and admin; a unit never gets past the generic check.
  protocol::QueuesRequest q;
  EXPECT_EQ(Authorize(For<svc::Queues>(kClerk), q).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(For<svc::Queues>(kMonitor), q).ok());
  protocol::PublicStatusRequest st{"S2026-00001"};
  EXPECT_TRUE(Authorize(For<svc::StatusByCode>(Caller::Public()), st).ok());
  // The generic form takes the actor from the key too.
  protocol::AssignRequest a;
  a.actor = "someone";
  ASSERT_TRUE(Authorize(For<svc::Assign>(kStaff), a).ok());
  EXPECT_EQ(a.actor, "wang");
}

}  // namespace
}  // namespace duban::services
