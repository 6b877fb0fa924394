// 7/MDP v0.1 framing: the broker parses every client and worker message shape RFC 7 allows and
// refuses every malformed one with a ProtocolError naming the reason; the builders produce exactly
// the frames the RFC lists (compared with literal frame vectors); workers and clients parse what
// the broker sends them.
#include "common/protocol/mdp.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace duban::protocol {
namespace {

using namespace std::string_literals;

// ZeroMQ's generated routing ids are 5 bytes starting with a NUL.
const std::string kClient = "\x00\x6b\x8b\x45\x67"s;
const std::string kWorker = "\x00\x6b\x8b\x45\x68"s;

const std::string kReady = "\x01"s;
const std::string kRequest = "\x02"s;
const std::string kReply = "\x03"s;
const std::string kHeartbeat = "\x04"s;
const std::string kDisconnect = "\x05"s;

template <typename T>
std::string StatusOf(const Result<T>& r) {
  return r.ok() ? "OK" : r.status().ToString();
}

ClientRequest AsClient(const Result<BrokerInbound>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  EXPECT_TRUE(std::holds_alternative<ClientRequest>(*r)) << "parsed as a worker message";
  return std::holds_alternative<ClientRequest>(*r) ? std::get<ClientRequest>(*r) : ClientRequest{};
}

WorkerMessage AsWorker(const Result<BrokerInbound>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  EXPECT_TRUE(std::holds_alternative<WorkerMessage>(*r)) << "parsed as a client request";
  return std::holds_alternative<WorkerMessage>(*r) ? std::get<WorkerMessage>(*r) : WorkerMessage{};
}

// ---- ParseBrokerInbound: valid shapes --------------------------------------------------------

TEST(ParseBrokerInboundTest, ClientRequestWithoutBody) {
  ClientRequest r = AsClient(ParseBrokerInbound({kClient, "", "MDPC01", "mmi.service"}));
  EXPECT_EQ(r.sender, kClient);
  EXPECT_EQ(r.service, "mmi.service");
  EXPECT_TRUE(r.body.empty());
}

TEST(ParseBrokerInboundTest, ClientRequestWithSeveralBodyFrames) {
  ClientRequest r =
      AsClient(ParseBrokerInbound({kClient, "", "MDPC01", "echo", "one", "", "\0two\0"s}));
  EXPECT_EQ(r.sender, kClient);
  EXPECT_EQ(r.service, "echo");
  EXPECT_EQ(r.body, (Frames{"one", "", "\0two\0"s}));
}

TEST(ParseBrokerInboundTest, WorkerReady) {
  WorkerMessage m = AsWorker(ParseBrokerInbound({kWorker, "", "MDPW01", kReady, "reminder"}));
  EXPECT_EQ(m.sender, kWorker);
  EXPECT_EQ(m.command, WorkerCommand::kReady);
  EXPECT_EQ(m.service, "reminder");
  EXPECT_EQ(m.client_address, "");
  EXPECT_TRUE(m.body.empty());
}

TEST(ParseBrokerInboundTest, WorkerReplyWithMultiFrameBody) {
  WorkerMessage m = AsWorker(ParseBrokerInbound(
      {kWorker, "", "MDPW01", kReply, "m|echo|1767225600000-0|3", "", "part1", "", "\0p3"s}));
  EXPECT_EQ(m.sender, kWorker);
  EXPECT_EQ(m.command, WorkerCommand::kReply);
  EXPECT_EQ(m.client_address, "m|echo|1767225600000-0|3");
  EXPECT_EQ(m.body, (Frames{"part1", "", "\0p3"s}));
  EXPECT_EQ(m.service, "");
}

TEST(ParseBrokerInboundTest, WorkerReplyWithEmptyBody) {
  WorkerMessage m = AsWorker(ParseBrokerInbound({kWorker, "", "MDPW01", kReply, kClient, ""}));
  EXPECT_EQ(m.command, WorkerCommand::kReply);
  EXPECT_EQ(m.client_address, kClient);
  EXPECT_TRUE(m.body.empty());
}

TEST(ParseBrokerInboundTest, WorkerHeartbeatAndDisconnect) {
  WorkerMessage hb = AsWorker(ParseBrokerInbound({kWorker, "", "MDPW01", kHeartbeat}));
  EXPECT_EQ(hb.sender, kWorker);
  EXPECT_EQ(hb.command, WorkerCommand::kHeartbeat);
  WorkerMessage bye = AsWorker(ParseBrokerInbound({kWorker, "", "MDPW01", kDisconnect}));
  EXPECT_EQ(bye.sender, kWorker);
  EXPECT_EQ(bye.command, WorkerCommand::kDisconnect);
  EXPECT_TRUE(bye.body.empty());
}

// What the peer-side builders send, with the routing id the ROUTER puts in front, parses back.
TEST(ParseBrokerInboundTest, ParsesWhatPeersBuild) {
  auto routed = [](const std::string& id, Frames f) {
    f.insert(f.begin(), id);
    return f;
  };
  EXPECT_EQ(AsWorker(ParseBrokerInbound(routed(kWorker, WorkerReady("escalation")))).service,
            "escalation");
  WorkerMessage reply =
      AsWorker(ParseBrokerInbound(routed(kWorker, WorkerReply("r|s|1|2|S1", {"a", "b"}))));
  EXPECT_EQ(reply.client_address, "r|s|1|2|S1");
  EXPECT_EQ(reply.body, (Frames{"a", "b"}));
  EXPECT_EQ(AsWorker(ParseBrokerInbound(routed(kWorker, WorkerHeartbeat()))).command,
            WorkerCommand::kHeartbeat);
  EXPECT_EQ(AsWorker(ParseBrokerInbound(routed(kWorker, WorkerDisconnect()))).command,
            WorkerCommand::kDisconnect);
  ClientRequest req = AsClient(ParseBrokerInbound(routed(kClient, ClientToBroker("echo", {"x"}))));
  EXPECT_EQ(req.service, "echo");
  EXPECT_EQ(req.body, (Frames{"x"}));
}

// ---- ParseBrokerInbound: malformed shapes ----------------------------------------------------

TEST(ParseBrokerInboundTest, TooFewFrames) {
  const std::string want = "PROTOCOL_ERROR: too few frames for 7/MDP";
  EXPECT_EQ(StatusOf(ParseBrokerInbound({})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, ""})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "MDPC01"})),
            "PROTOCOL_ERROR: client request without service frame");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01"})),
            "PROTOCOL_ERROR: worker message without command frame");
}

TEST(ParseBrokerInboundTest, MissingEmptyDelimiter) {
  const std::string want = "PROTOCOL_ERROR: missing empty delimiter frame";
  // A DEALER that forgot the empty frame: the header lands where the delimiter belongs.
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "MDPC01", "echo", "body"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "MDPW01", kReady, "echo"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "\0"s, "MDPW01", kHeartbeat})), want);
}

TEST(ParseBrokerInboundTest, UnknownHeader) {
  const std::string want = "PROTOCOL_ERROR: unknown protocol header";
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "MDPC02", "echo"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "mdpc01", "echo"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "", "echo"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "MDPC01\0"s, "echo"})), want);
}

TEST(ParseBrokerInboundTest, EmptyServiceName) {
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kClient, "", "MDPC01", "", "body"})),
            "PROTOCOL_ERROR: client request with empty service name");
}

TEST(ParseBrokerInboundTest, BadCommandFrame) {
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "\x09"s})),
            "PROTOCOL_ERROR: unknown worker command 9");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "\x00"s})),
            "PROTOCOL_ERROR: unknown worker command 0");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "\x06"s})),
            "PROTOCOL_ERROR: unknown worker command 6");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "\xff"s})),
            "PROTOCOL_ERROR: unknown worker command 255");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", ""})),
            "PROTOCOL_ERROR: worker command frame must be one byte");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "\x01\x01"s, "echo"})),
            "PROTOCOL_ERROR: worker command frame must be one byte");
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", "READY", "echo"})),
            "PROTOCOL_ERROR: worker command frame must be one byte");
}

TEST(ParseBrokerInboundTest, ReadyNeedsExactlyOneServiceFrame) {
  const std::string want = "PROTOCOL_ERROR: READY needs exactly one service frame";
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReady})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReady, ""})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReady, "echo", "echo2"})), want);
}

TEST(ParseBrokerInboundTest, RequestFromAWorker) {
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kRequest, kClient, "", "body"})),
            "PROTOCOL_ERROR: REQUEST is sent by the broker, not by workers");
}

TEST(ParseBrokerInboundTest, ReplyNeedsAddressAndEmptyFrame) {
  const std::string want = "PROTOCOL_ERROR: REPLY needs client address and empty delimiter";
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReply})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReply, kClient})), want);
  // The body right after the address, without the empty frame between them.
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReply, kClient, "body"})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kReply, kClient, "body", ""})),
            want);
}

TEST(ParseBrokerInboundTest, HeartbeatAndDisconnectTakeNoFurtherFrames) {
  const std::string want = "PROTOCOL_ERROR: HEARTBEAT/DISCONNECT take no further frames";
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kHeartbeat, ""})), want);
  EXPECT_EQ(StatusOf(ParseBrokerInbound({kWorker, "", "MDPW01", kDisconnect, "bye"})), want);
}

// ---- builders: the exact frames of RFC 7 -----------------------------------------------------

TEST(MdpBuildersTest, BrokerSide) {
  EXPECT_EQ(BrokerToClient(kClient, "echo", {"a", "", "b\0"s}),
            (Frames{kClient, "", "MDPC01", "echo", "a", "", "b\0"s}));
  EXPECT_EQ(BrokerToClient(kClient, "mmi.service", {}),
            (Frames{kClient, "", "MDPC01", "mmi.service"}));
  EXPECT_EQ(BrokerToWorkerRequest(kWorker, "m|echo|1-0|1", {"x", "y"}),
            (Frames{kWorker, "", "MDPW01", "\x02"s, "m|echo|1-0|1", "", "x", "y"}));
  EXPECT_EQ(BrokerToWorkerRequest(kWorker, kClient, {}),
            (Frames{kWorker, "", "MDPW01", "\x02"s, kClient, ""}));
  EXPECT_EQ(BrokerToWorkerHeartbeat(kWorker), (Frames{kWorker, "", "MDPW01", "\x04"s}));
  EXPECT_EQ(BrokerToWorkerDisconnect(kWorker), (Frames{kWorker, "", "MDPW01", "\x05"s}));
}

TEST(MdpBuildersTest, WorkerSide) {
  EXPECT_EQ(WorkerReady("reminder"), (Frames{"", "MDPW01", "\x01"s, "reminder"}));
  EXPECT_EQ(WorkerReply("r|s|1|2|S1", {"out", ""}),
            (Frames{"", "MDPW01", "\x03"s, "r|s|1|2|S1", "", "out", ""}));
  EXPECT_EQ(WorkerReply(kClient, {}), (Frames{"", "MDPW01", "\x03"s, kClient, ""}));
  EXPECT_EQ(WorkerHeartbeat(), (Frames{"", "MDPW01", "\x04"s}));
  EXPECT_EQ(WorkerDisconnect(), (Frames{"", "MDPW01", "\x05"s}));
}

TEST(MdpBuildersTest, ClientSide) {
  EXPECT_EQ(ClientToBroker("duban.submit", {"\x82\xa1v\x01"s}),
            (Frames{"", "MDPC01", "duban.submit", "\x82\xa1v\x01"s}));
  EXPECT_EQ(ClientToBroker("echo", {}), (Frames{"", "MDPC01", "echo"}));
}

TEST(MdpBuildersTest, CommandBytesAndNames) {
  EXPECT_EQ(static_cast<int>(WorkerCommand::kReady), 0x01);
  EXPECT_EQ(static_cast<int>(WorkerCommand::kRequest), 0x02);
  EXPECT_EQ(static_cast<int>(WorkerCommand::kReply), 0x03);
  EXPECT_EQ(static_cast<int>(WorkerCommand::kHeartbeat), 0x04);
  EXPECT_EQ(static_cast<int>(WorkerCommand::kDisconnect), 0x05);
  EXPECT_EQ(WorkerCommandName(WorkerCommand::kReady), "READY");
  EXPECT_EQ(WorkerCommandName(WorkerCommand::kRequest), "REQUEST");
  EXPECT_EQ(WorkerCommandName(WorkerCommand::kReply), "REPLY");
  EXPECT_EQ(WorkerCommandName(WorkerCommand::kHeartbeat), "HEARTBEAT");
  EXPECT_EQ(WorkerCommandName(WorkerCommand::kDisconnect), "DISCONNECT");
}

// ---- ParseWorkerInbound ----------------------------------------------------------------------

TEST(ParseWorkerInboundTest, RequestWithBody) {
  Result<BrokerCommand> c =
      ParseWorkerInbound({"", "MDPW01", kRequest, "m|echo|1-0|1", "", "a", "", "\0b"s});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->command, WorkerCommand::kRequest);
  EXPECT_EQ(c->client_address, "m|echo|1-0|1");
  EXPECT_EQ(c->body, (Frames{"a", "", "\0b"s}));
}

TEST(ParseWorkerInboundTest, RequestWithoutBodyHeartbeatDisconnect) {
  Result<BrokerCommand> empty = ParseWorkerInbound({"", "MDPW01", kRequest, kClient, ""});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->client_address, kClient);
  EXPECT_TRUE(empty->body.empty());
  Result<BrokerCommand> hb = ParseWorkerInbound({"", "MDPW01", kHeartbeat});
  ASSERT_TRUE(hb.ok()) << hb.status().ToString();
  EXPECT_EQ(hb->command, WorkerCommand::kHeartbeat);
  Result<BrokerCommand> bye = ParseWorkerInbound({"", "MDPW01", kDisconnect});
  ASSERT_TRUE(bye.ok()) << bye.status().ToString();
  EXPECT_EQ(bye->command, WorkerCommand::kDisconnect);
}

// What the broker builds, minus the routing id the ROUTER strips, parses on the worker.
TEST(ParseWorkerInboundTest, ParsesWhatTheBrokerBuilds) {
  auto dealer_view = [](Frames f) { return Frames(f.begin() + 1, f.end()); };
  Result<BrokerCommand> req =
      ParseWorkerInbound(dealer_view(BrokerToWorkerRequest(kWorker, "r|s|1|2|S1", {"task"})));
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  EXPECT_EQ(req->client_address, "r|s|1|2|S1");
  EXPECT_EQ(req->body, (Frames{"task"}));
  EXPECT_EQ(StatusOf(ParseWorkerInbound(dealer_view(BrokerToWorkerHeartbeat(kWorker)))), "OK");
  EXPECT_EQ(StatusOf(ParseWorkerInbound(dealer_view(BrokerToWorkerDisconnect(kWorker)))), "OK");
}

TEST(ParseWorkerInboundTest, Malformed) {
  EXPECT_EQ(StatusOf(ParseWorkerInbound({})), "PROTOCOL_ERROR: too few frames from broker");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01"})),
            "PROTOCOL_ERROR: too few frames from broker");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"MDPW01", kHeartbeat, ""})),
            "PROTOCOL_ERROR: missing empty delimiter frame");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPC01", kHeartbeat})),
            "PROTOCOL_ERROR: expected MDPW01 header");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", "\x09"s})),
            "PROTOCOL_ERROR: unknown worker command 9");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", ""})),
            "PROTOCOL_ERROR: worker command frame must be one byte");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", kReady, "echo"})),
            "PROTOCOL_ERROR: unexpected command from broker: READY");
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", kReply, kClient, ""})),
            "PROTOCOL_ERROR: unexpected command from broker: REPLY");
  const std::string no_delim = "PROTOCOL_ERROR: REQUEST needs client address and empty delimiter";
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", kRequest})), no_delim);
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", kRequest, kClient})), no_delim);
  EXPECT_EQ(StatusOf(ParseWorkerInbound({"", "MDPW01", kRequest, kClient, "body"})), no_delim);
}

// ---- ParseClientInbound ----------------------------------------------------------------------

TEST(ParseClientInboundTest, ReplyWithAndWithoutBody) {
  Result<ClientReply> r = ParseClientInbound({"", "MDPC01", "echo", "a", "\0"s});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->service, "echo");
  EXPECT_EQ(r->body, (Frames{"a", "\0"s}));
  Result<ClientReply> empty = ParseClientInbound({"", "MDPC01", "mmi.service"});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->service, "mmi.service");
  EXPECT_TRUE(empty->body.empty());
}

TEST(ParseClientInboundTest, ParsesWhatTheBrokerBuilds) {
  Frames routed = BrokerToClient(kClient, "duban.get", {"reply"});
  Result<ClientReply> r = ParseClientInbound(Frames(routed.begin() + 1, routed.end()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->service, "duban.get");
  EXPECT_EQ(r->body, (Frames{"reply"}));
}

TEST(ParseClientInboundTest, Malformed) {
  EXPECT_EQ(StatusOf(ParseClientInbound({})), "PROTOCOL_ERROR: too few frames in reply");
  EXPECT_EQ(StatusOf(ParseClientInbound({"", "MDPC01"})),
            "PROTOCOL_ERROR: too few frames in reply");
  EXPECT_EQ(StatusOf(ParseClientInbound({"MDPC01", "echo", "body"})),
            "PROTOCOL_ERROR: missing empty delimiter frame");
  EXPECT_EQ(StatusOf(ParseClientInbound({"", "MDPW01", "echo"})),
            "PROTOCOL_ERROR: expected MDPC01 header");
}

}  // namespace
}  // namespace duban::protocol
