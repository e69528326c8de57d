#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Fixtures;
using Mqtt2Go.Device.Tests.Provisioning;

namespace Mqtt2Go.Device.Tests.Operation
{
    /// <summary>The switch behaviour on its own, over a connected fake broker.</summary>
    [TestClass]
    public class SwitchDeviceTests
    {
        private sealed class Rig
        {
            public Rig()
            {
                Fixture = new ProvisioningFixture();
                Fixture.Broker.EchoOwnPublishes = false;
                MqttConnectRequest request = new MqttConnectRequest();
                request.Host = ProvisioningFixture.CloudHost;
                request.Port = 8883;
                request.CaCertificate = TestCertificates.CaCertificate;
                request.Password = ProvisioningFixture.CloudPassword;
                Fixture.Broker.Connect(request);
                Device = new SwitchDevice(Fixture.Broker, Fixture.Codec, Fixture.Indicator, Fixture.Timeline, Fixture.Log);
                Device.Attach(new string[] { ProvisioningFixture.DeviceTopic, ProvisioningFixture.GroupTopic });
            }

            public ProvisioningFixture Fixture { get; private set; }

            public SwitchDevice Device { get; private set; }

            public CommandOutcome Command(string topic, string commandType, object value)
            {
                return Device.Handle(topic, Fixture.Codec.EncodeCommand(commandType, value, 1));
            }

            public Mqtt2GoMessage LastReport()
            {
                FakeBrokerHost cloud = Fixture.Cloud;
                Assert.AreEqual(ProvisioningFixture.DeviceTopic, cloud.Published(cloud.PublishCount - 1).Topic);
                return Fixture.Codec.Decode(cloud.Published(cloud.PublishCount - 1).Payload);
            }

            public Mqtt2GoMessage Report(int index)
            {
                return Fixture.Codec.Decode(Fixture.Cloud.Published(index).Payload);
            }
        }

        /// <summary>set "on" drives the output, answers command_response/state "On" (the standard's switch report: report
        /// name state, On/Off) and reports the new state.</summary>
        [TestMethod]
        public void SetOn_DrivesOutput_RespondsAndReportsState()
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Handled, rig.Command(ProvisioningFixture.DeviceTopic, "set", "on"));
            Assert.IsTrue(rig.Fixture.Indicator.Output);
            Mqtt2GoMessage response = rig.Report(0);
            Assert.AreEqual("command_response", response.ReportType);
            Assert.AreEqual("state", response.ReportName);
            Assert.AreEqual("On", (string)response.Value);
            Mqtt2GoMessage status = rig.LastReport();
            Assert.AreEqual("status", status.ReportType);
            Assert.AreEqual("state", status.ReportName);
            Assert.AreEqual("On", (string)status.Value);
            Assert.AreEqual(2, rig.Fixture.Cloud.PublishCount);
            Assert.IsFalse(rig.Fixture.Cloud.Published(0).Retain);
        }

        /// <summary>set to the current state answers but reports no change.</summary>
        [TestMethod]
        public void SetOff_WhenOff_RespondsWithoutStatus()
        {
            Rig rig = new Rig();
            rig.Command(ProvisioningFixture.DeviceTopic, "set", "off");
            Assert.AreEqual(1, rig.Fixture.Cloud.PublishCount);
            Assert.AreEqual("Off", (string)rig.LastReport().Value);
        }

        /// <summary>The standard's table writes On/Off, its examples on/off: set accepts every spelling case-insensitively
        /// and answers in the table's spelling.</summary>
        [TestMethod]
        [DataRow("On", true)]
        [DataRow("ON", true)]
        [DataRow("on", true)]
        [DataRow("Off", false)]
        [DataRow("OFF", false)]
        [DataRow("Toggle", true)]
        public void Set_AcceptsAnyCase_AnswersInTheStandardsSpelling(string value, bool expectedOn)
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Handled, rig.Command(ProvisioningFixture.DeviceTopic, "set", value));
            Assert.AreEqual(expectedOn, rig.Device.IsOn);
            Mqtt2GoMessage response = rig.Report(0);
            Assert.AreEqual("command_response", response.ReportType);
            Assert.AreEqual("state", response.ReportName);
            Assert.AreEqual(expectedOn ? "On" : "Off", (string)response.Value);
        }

        /// <summary>toggle flips the state twice back to off.</summary>
        [TestMethod]
        public void Toggle_FlipsTheState()
        {
            Rig rig = new Rig();
            rig.Command(ProvisioningFixture.DeviceTopic, "set", "toggle");
            Assert.IsTrue(rig.Device.IsOn);
            rig.Command(ProvisioningFixture.DeviceTopic, "set", "toggle");
            Assert.IsFalse(rig.Device.IsOn);
            Assert.IsFalse(rig.Fixture.Indicator.Output);
        }

        /// <summary>A set on the group topic is obeyed; the answer goes to the device topic.</summary>
        [TestMethod]
        public void SetOnGroupTopic_IsObeyed()
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Handled, rig.Command(ProvisioningFixture.GroupTopic, "set", "on"));
            Assert.IsTrue(rig.Device.IsOn);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, rig.Fixture.Cloud.Published(0).Topic);
        }

        /// <summary>query answers the standard's switch report: command_response, report_name state, On/Off.</summary>
        [TestMethod]
        [DataRow("QueryState")]
        [DataRow("QueryOn")]
        [DataRow("querystatus")]
        [DataRow("State")]
        public void Query_AnswersStateReport(string query)
        {
            Rig rig = new Rig();
            rig.Command(ProvisioningFixture.DeviceTopic, "set", "on");
            Assert.AreEqual(CommandOutcome.Handled, rig.Command(ProvisioningFixture.DeviceTopic, "query", query));
            Mqtt2GoMessage response = rig.LastReport();
            Assert.AreEqual("command_response", response.ReportType);
            Assert.AreEqual("state", response.ReportName);
            Assert.AreEqual("On", (string)response.Value);
        }

        /// <summary>An unknown command, a bad set value and an unsupported query are answered with an error report.</summary>
        [TestMethod]
        public void UnknownOrInvalidCommands_AnswerError()
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Rejected, rig.Command(ProvisioningFixture.DeviceTopic, "set_color", "red"));
            Assert.AreEqual("error", rig.LastReport().ReportType);
            Assert.IsTrue(((string)rig.LastReport().Value).IndexOf("set_color") >= 0);
            Assert.AreEqual(CommandOutcome.Rejected, rig.Command(ProvisioningFixture.DeviceTopic, "set", "maybe"));
            Assert.AreEqual(CommandOutcome.Rejected, rig.Command(ProvisioningFixture.DeviceTopic, "query", "QueryBattery"));
            Assert.AreEqual(CommandOutcome.Rejected, rig.Command(ProvisioningFixture.DeviceTopic, "set", 1));
            Assert.IsFalse(rig.Device.IsOn);
        }

        /// <summary>Garbage on the device topic is answered with an error report and changes nothing.</summary>
        [TestMethod]
        public void Garbage_AnswersErrorAndChangesNothing()
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Rejected, rig.Device.Handle(ProvisioningFixture.DeviceTopic, Payloads.Bytes("{\"type\":")));
            Assert.AreEqual("error", rig.LastReport().ReportName);
            Assert.AreEqual(0, rig.Fixture.Indicator.OutputWrites - 1);
        }

        /// <summary>Reports (including the device's own echo) and messages on unknown topics are ignored silently.</summary>
        [TestMethod]
        public void ReportsAndForeignTopics_AreIgnored()
        {
            Rig rig = new Rig();
            byte[] report = rig.Fixture.Codec.EncodeReport("status", "state", "on", 1);
            Assert.AreEqual(CommandOutcome.Ignored, rig.Device.Handle(ProvisioningFixture.DeviceTopic, report));
            Assert.AreEqual(CommandOutcome.Ignored, rig.Device.Handle("dev-0001/topics", rig.Fixture.Codec.EncodeCommand("set", "on", 1)));
            Assert.AreEqual(0, rig.Fixture.Cloud.PublishCount);
            Assert.IsFalse(rig.Device.IsOn);
        }

        /// <summary>remove_device is answered "removed" on the device topic and refused on a group topic.</summary>
        [TestMethod]
        public void RemoveDevice_OnlyOnTheDeviceTopic()
        {
            Rig rig = new Rig();
            Assert.AreEqual(CommandOutcome.Rejected, rig.Command(ProvisioningFixture.GroupTopic, "remove_device", null));
            Assert.AreEqual(CommandOutcome.RemoveRequested, rig.Command(ProvisioningFixture.DeviceTopic, "remove_device", "now"));
            Assert.AreEqual("remove_device", rig.LastReport().ReportName);
            Assert.AreEqual("removed", (string)rig.LastReport().Value);
        }

        /// <summary>Topic filters: '+' matches one level, '#' the rest including the parent.</summary>
        [TestMethod]
        public void TopicFilter_MatchesMqttWildcards()
        {
            Assert.IsTrue(TopicFilter.Matches("a/+/c", "a/b/c"));
            Assert.IsFalse(TopicFilter.Matches("a/+/c", "a/b/d"));
            Assert.IsTrue(TopicFilter.Matches("a/#", "a/b/c"));
            Assert.IsTrue(TopicFilter.Matches("a/#", "a"));
            Assert.IsFalse(TopicFilter.Matches("a/b", "a/b/c"));
            Assert.IsFalse(TopicFilter.Matches("a/b/c", "a/b"));
            Assert.IsTrue(TopicFilter.Matches("+", "x"));
            Assert.IsFalse(TopicFilter.Matches("+", "x/y"));
        }
    }
}
