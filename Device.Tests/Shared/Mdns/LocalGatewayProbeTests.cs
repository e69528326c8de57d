#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class LocalGatewayProbeTests
    {
        [TestMethod]
        public void Probe_AnswerToFirstQuery_ReturnsGatewayOnDefaultPort()
        {
            // Arrange
            FakeClock clock = new FakeClock(5000);
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 120, MdnsGoldenVectors.AvahiGatewayA);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual("mqtt2go.local", answer.HostName);
            Assert.AreEqual("192.168.1.50", answer.Address);
            Assert.AreEqual(8883, answer.Port);
            Assert.AreEqual(string.Empty, answer.Reason);
            Assert.AreEqual(1, answer.QueriesSent);
            Assert.AreEqual(120L, answer.ElapsedMs);
            Assert.AreEqual(1, transport.SentCount);
        }

        [TestMethod]
        public void Probe_AnswerOnlyAfterSecondQuery_ReturnsGatewayAfterTwoQueries()
        {
            // Arrange
            FakeClock clock = new FakeClock(5000);
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(1, 250, MdnsGoldenVectors.AvahiGatewayA);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual(2, answer.QueriesSent);
            Assert.AreEqual(2, transport.SentCount);
            Assert.AreEqual(1250L, answer.ElapsedMs);
            Assert.AreEqual(6250L, clock.NowMs);
        }

        [TestMethod]
        public void Probe_NoAnswer_ReturnsNotFoundAfterExactlyThreeQueriesWithinThreeSeconds()
        {
            // Arrange
            FakeClock clock = new FakeClock(5000);
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.AreEqual(3, transport.SentCount);
            Assert.AreEqual(3, answer.QueriesSent);
            Assert.AreEqual(5000L, transport.SentAtMs(0));
            Assert.AreEqual(6000L, transport.SentAtMs(1));
            Assert.AreEqual(7000L, transport.SentAtMs(2));
            Assert.IsTrue(clock.NowMs - 5000 <= 3000);
            Assert.AreEqual(3000L, answer.ElapsedMs);
            Assert.IsTrue(transport.MaxReceiveTimeoutMs <= 1000);
            Assert.IsTrue(answer.Reason.IndexOf("mqtt2go.local") >= 0);
            Assert.AreEqual(string.Empty, answer.HostName);
            Assert.AreEqual(0, answer.Port);
        }

        [TestMethod]
        public void Probe_FirstQueryAsksForUnicastAndRetransmissionsDoNot()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);

            // Act
            new LocalGatewayProbe().Probe(transport, clock);

            // Assert: QCLASS high bytes at offsets 29 and 51 (RFC 6762 §5.4).
            CollectionAssert.AreEqual(MdnsGoldenVectors.QueryWithUnicastBit, transport.Sent(0));
            Assert.AreEqual((byte)0x00, transport.Sent(1)[29]);
            Assert.AreEqual((byte)0x00, transport.Sent(1)[51]);
            Assert.AreEqual((byte)0x00, transport.Sent(2)[29]);
            Assert.AreEqual((byte)0x00, transport.Sent(2)[51]);
        }

        [TestMethod]
        public void Probe_OwnQueryEchoedBack_IsIgnored()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.EchoQueries = true;

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.AreEqual(3, transport.SentCount);
            Assert.IsTrue(transport.ReceiveCount >= 6); // each echo was received, then the wait went on
            Assert.AreEqual(3000L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_QueryFromAnotherHostWithKnownAnswer_IsIgnored()
        {
            // Arrange: a query (QR=0) carrying an A record for mqtt2go.local as a Known Answer (RFC 6762 §7.1) is
            // another querier's cache, not an answer.
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 10, MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 2, 0x0000));

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.AreEqual(3, answer.QueriesSent);
        }

        [TestMethod]
        public void Probe_EchoThenAnswer_ReturnsGateway()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.EchoQueries = true;
            transport.ReplyToQuery(0, 40, MdnsGoldenVectors.AvahiGatewayA);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual(40L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_TransportReceiveError_ReturnsNotFoundWithReason()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.FailReceive = true;
            transport.ReplyToQuery(0, 10, MdnsGoldenVectors.AvahiGatewayA);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.IsTrue(answer.Reason.IndexOf("transport error") >= 0);
            Assert.AreEqual(1, answer.QueriesSent);
            Assert.AreEqual(1, transport.ReceiveCount);
        }

        [TestMethod]
        public void Probe_SendRefused_ReturnsNotFoundWithReason()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.RefuseSend = true;

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.IsTrue(answer.Reason.IndexOf("refused") >= 0);
            Assert.AreEqual(0, answer.QueriesSent);
            Assert.AreEqual(0, transport.ReceiveCount);
        }

        [TestMethod]
        public void Probe_ServiceResponse_ReturnsSrvTargetAddressAndPort()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 300, MdnsGoldenVectors.ServicePtrSrvA);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual("gw.local", answer.HostName);
            Assert.AreEqual("192.168.1.10", answer.Address);
            Assert.AreEqual(8883, answer.Port);
        }

        [TestMethod]
        public void Probe_ServicePortOtherThanDefault_ReturnsSrvPort()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.ServicePtrSrvA, MdnsGoldenVectors.ServiceSrvPortOffset, 18883);
            transport.ReplyToQuery(0, 300, datagram);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual(18883, answer.Port);
        }

        [TestMethod]
        public void Probe_PtrAndSrvInSeparateDatagrams_CombinesThem()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 100, MdnsGoldenVectors.ServicePtrOnly);
            transport.ReplyToQuery(1, 100, MdnsGoldenVectors.ServiceSrvAOnly);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual("gw.local", answer.HostName);
            Assert.AreEqual("192.168.1.10", answer.Address);
            Assert.AreEqual(2, answer.QueriesSent);
            Assert.AreEqual(1100L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_UnrelatedResponseFirst_KeepsWaitingForTheGateway()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 50, MdnsGoldenVectors.UnrelatedPrinterOnly);
            transport.DeliverAt(1700, MdnsGoldenVectors.SeveralAnswersUnrelatedFirst);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
            Assert.AreEqual("mqtt2go.local", answer.HostName);
            Assert.AreEqual("192.168.1.50", answer.Address);
            Assert.AreEqual(2, answer.QueriesSent);
            Assert.AreEqual(1700L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_ResponseWithNonZeroId_IsAccepted()
        {
            // Arrange: RFC 6762 §18.1, the ID is ignored on reception.
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(0, 5, MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 0, 0xBEEF));

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsTrue(answer.Found);
        }

        [TestMethod]
        public void Probe_GarbageAndTruncatedDatagrams_AreIgnored()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            byte[] gateway = MdnsGoldenVectors.AvahiGatewayA;
            byte[] truncated = new byte[30];
            Array.Copy(gateway, truncated, truncated.Length);
            transport.ReplyToQuery(0, 10, new byte[] { 0x01, 0x02, 0x03 });
            transport.ReplyToQuery(0, 20, truncated);
            transport.ReplyToQuery(0, 30, new byte[0]);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.AreEqual(3, answer.QueriesSent);
            Assert.AreEqual(3000L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_GoodbyeRecord_IsNotUsed()
        {
            // Arrange: TTL 0 (RFC 6762 §10.1) on the A record.
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            byte[] goodbye = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 33, 0);
            transport.ReplyToQuery(0, 10, goodbye);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(transport, clock);

            // Assert
            Assert.IsFalse(answer.Found);
        }

        [TestMethod]
        public void Probe_RunTwice_SecondRunDoesNotReuseFirstRunRecords()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            LocalGatewayProbe probe = new LocalGatewayProbe();
            FakeMdnsTransport first = new FakeMdnsTransport(clock);
            first.ReplyToQuery(0, 10, MdnsGoldenVectors.ServicePtrOnly);
            FakeMdnsTransport second = new FakeMdnsTransport(clock);
            second.ReplyToQuery(0, 10, MdnsGoldenVectors.ServiceSrvAOnly);

            // Act
            LocalGatewayAnswer firstAnswer = probe.Probe(first, clock);
            LocalGatewayAnswer secondAnswer = probe.Probe(second, clock);

            // Assert: the SRV of run two would resolve only with the PTR of run one.
            Assert.IsFalse(firstAnswer.Found);
            Assert.IsFalse(secondAnswer.Found);
        }

        [TestMethod]
        public void Probe_StrictRfcSpacing_SendsAtZeroOneAndThreeSeconds()
        {
            // Arrange
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            LocalGatewayProbe probe = new LocalGatewayProbe(5000, new int[] { 0, 1000, 3000 });

            // Act
            LocalGatewayAnswer answer = probe.Probe(transport, clock);

            // Assert
            Assert.AreEqual(0L, transport.SentAtMs(0));
            Assert.AreEqual(1000L, transport.SentAtMs(1));
            Assert.AreEqual(3000L, transport.SentAtMs(2));
            Assert.AreEqual(5000L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Probe_TransportTimingOutEarly_WaitsAgainAndKeepsTheSchedule()
        {
            // Arrange: a transport whose timeout fires after about half the requested time.
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            ImpatientTransport impatient = new ImpatientTransport(transport, false);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(impatient, clock);

            // Assert
            Assert.AreEqual(1000L, transport.SentAtMs(1));
            Assert.AreEqual(2000L, transport.SentAtMs(2));
            Assert.AreEqual(3000L, answer.ElapsedMs);
            Assert.IsTrue(transport.ReceiveCount > 3);
        }

        [TestMethod]
        public void Probe_TransportReturningWithoutWaiting_SleepsToTheScheduleAndEnds()
        {
            // Arrange: Receive returns 0 at once and time does not move; the probe must not spin.
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            ImpatientTransport impatient = new ImpatientTransport(transport, true);

            // Act
            LocalGatewayAnswer answer = new LocalGatewayProbe().Probe(impatient, clock);

            // Assert
            Assert.IsFalse(answer.Found);
            Assert.AreEqual(3, answer.QueriesSent);
            Assert.AreEqual(1000L, transport.SentAtMs(1));
            Assert.AreEqual(2000L, transport.SentAtMs(2));
            // It sleeps to each query's offset and then to the end of the budget, never spinning.
            Assert.AreEqual(3, clock.SleepCount);
            Assert.AreEqual(3000L, answer.ElapsedMs);
        }

        [TestMethod]
        public void Poll_ListensInSlices_SendsOnSchedule_AndFindsALateAnswer()
        {
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            transport.ReplyToQuery(1, 200, MdnsGoldenVectors.AvahiGatewayA);
            LocalGatewayProbe probe = new LocalGatewayProbe();
            long start = clock.NowMs;

            probe.Begin(transport, clock);
            LocalGatewayAnswer early = probe.Poll(150);
            LocalGatewayAnswer nothingYet = probe.Poll(0);
            LocalGatewayAnswer found = probe.Poll(1100);

            Assert.IsNull(early);
            Assert.IsNull(nothingYet);
            Assert.IsTrue(found != null && found.Found);
            Assert.AreEqual(start + 1000, transport.SentAtMs(1));
            Assert.IsFalse(probe.IsListening);
        }

        [TestMethod]
        public void Poll_AfterTheBudget_DecidesNotFound_AndEndStopsListening()
        {
            FakeClock clock = new FakeClock();
            FakeMdnsTransport transport = new FakeMdnsTransport(clock);
            LocalGatewayProbe probe = new LocalGatewayProbe();

            probe.Begin(transport, clock);
            Assert.IsNull(probe.Poll(0));
            clock.Advance(3500);
            LocalGatewayAnswer answer = probe.Poll(0);
            probe.Begin(transport, clock);
            probe.End();

            Assert.IsTrue(answer != null && !answer.Found);
            Assert.IsFalse(probe.IsListening);
            Assert.IsNull(probe.Poll(100));
        }

        [TestMethod]
        public void Constructor_Defaults_AreThreeQueriesInThreeSeconds()
        {
            LocalGatewayProbe probe = new LocalGatewayProbe();

            Assert.AreEqual(3, probe.QueryCount);
            Assert.AreEqual(3000, probe.BudgetMs);
            CollectionAssert.AreEqual(new int[] { 0, 1000, 2000 }, LocalGatewayProbe.DefaultQueryOffsetsMs());
        }

        [TestMethod]
        public void Constructor_TimingAgainstRfcOrBudget_IsRejected()
        {
            Assert.IsTrue(Rejects(3000, new int[] { 0, 500, 2000 }));   // first interval < 1 s (RFC 6762 §5.2)
            Assert.IsTrue(Rejects(3000, new int[] { 0, 1000, 3000 }));  // last query at the budget's end
            Assert.IsTrue(Rejects(3000, new int[] { 0, 2000, 1000 }));  // not ascending
            Assert.IsTrue(Rejects(3000, new int[0]));
            Assert.IsTrue(Rejects(3000, null));
            Assert.IsTrue(Rejects(0, new int[] { 0 }));
            Assert.IsFalse(Rejects(1000, new int[] { 0 }));
        }

        private sealed class ImpatientTransport : Mqtt2Go.Device.Core.Ports.IMdnsTransport
        {
            private readonly FakeMdnsTransport _inner;
            private readonly bool _instant;

            public ImpatientTransport(FakeMdnsTransport inner, bool instant)
            {
                _inner = inner;
                _instant = instant;
            }

            public bool Send(byte[] buffer, int length)
            {
                return _inner.Send(buffer, length);
            }

            public int Receive(byte[] buffer, int timeoutMs)
            {
                return _instant ? 0 : _inner.Receive(buffer, (timeoutMs + 1) / 2);
            }
        }

        private static bool Rejects(int budgetMs, int[] offsets)
        {
            try
            {
                new LocalGatewayProbe(budgetMs, offsets);
                return false;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }
    }
}
