#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Mdns;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class LocalGatewayResolverTests
    {
        [TestMethod]
        public void TryResolve_GatewayAWithSrvTargetingIt_UsesTheSrvPort()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Pointer("GW._mqtt._tcp.local"));
            response.Records.Add(Service("GW._mqtt._tcp.local", 0, 0, 1884, "MQTT2GO.local"));
            response.Records.Add(Address("mqtt2go.local", "192.168.1.50"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            string host;
            string address;
            int port;
            bool resolved = resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.IsTrue(resolved);
            Assert.AreEqual("mqtt2go.local", host);
            Assert.AreEqual("192.168.1.50", address);
            Assert.AreEqual(1884, port);
        }

        [TestMethod]
        public void TryResolve_GatewayAAndAnotherBroker_PrefersTheMqtt2GoName()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Pointer("Other._mqtt._tcp.local"));
            response.Records.Add(Service("Other._mqtt._tcp.local", 0, 0, 1883, "other.local"));
            response.Records.Add(Address("other.local", "192.168.1.77"));
            response.Records.Add(Address("mqtt2go.local", "192.168.1.50"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            string host;
            string address;
            int port;
            resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.AreEqual("mqtt2go.local", host);
            Assert.AreEqual(8883, port);
        }

        [TestMethod]
        public void TryResolve_SeveralInstances_ChoosesLowestPriorityThenHighestWeight()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Pointer("A._mqtt._tcp.local"));
            response.Records.Add(Pointer("B._mqtt._tcp.local"));
            response.Records.Add(Pointer("C._mqtt._tcp.local"));
            response.Records.Add(Service("A._mqtt._tcp.local", 10, 100, 1001, "a.local"));
            response.Records.Add(Service("B._mqtt._tcp.local", 5, 1, 1002, "b.local"));
            response.Records.Add(Service("C._mqtt._tcp.local", 5, 9, 1003, "c.local"));
            response.Records.Add(Address("a.local", "10.0.0.1"));
            response.Records.Add(Address("b.local", "10.0.0.2"));
            response.Records.Add(Address("c.local", "10.0.0.3"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            string host;
            string address;
            int port;
            resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.AreEqual("c.local", host);
            Assert.AreEqual("10.0.0.3", address);
            Assert.AreEqual(1003, port);
        }

        [TestMethod]
        public void TryResolve_SrvWithoutAddressOrWithPortZero_IsNotResolved()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Pointer("A._mqtt._tcp.local"));
            response.Records.Add(Pointer("B._mqtt._tcp.local"));
            response.Records.Add(Service("A._mqtt._tcp.local", 0, 0, 8883, "noaddress.local"));
            response.Records.Add(Service("B._mqtt._tcp.local", 0, 0, 0, "b.local"));
            response.Records.Add(Address("b.local", "10.0.0.2"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            string host;
            string address;
            int port;
            bool resolved = resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.IsFalse(resolved);
            Assert.AreEqual(string.Empty, host);
            Assert.AreEqual(0, port);
        }

        [TestMethod]
        public void TryResolve_SrvForAnInstanceNobodyPointedTo_IsNotResolved()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Service("Stray._mqtt._tcp.local", 0, 0, 8883, "stray.local"));
            response.Records.Add(Address("stray.local", "10.0.0.9"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            string host;
            string address;
            int port;
            bool resolved = resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.IsFalse(resolved);
        }

        [TestMethod]
        public void TryResolve_AfterClear_ForgetsEarlierRecords()
        {
            // Arrange
            MdnsResponse response = NewResponse();
            response.Records.Add(Address("mqtt2go.local", "192.168.1.50"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();
            resolver.Add(response);

            // Act
            resolver.Clear();
            string host;
            string address;
            int port;
            bool resolved = resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.IsFalse(resolved);
        }

        [TestMethod]
        public void Add_MoreThanMaxRecords_KeepsOnlyTheFirst()
        {
            // Arrange: the gateway's A record comes after the cap is reached.
            MdnsResponse response = NewResponse();
            for (int i = 0; i < LocalGatewayResolver.MaxRecords; i++)
            {
                response.Records.Add(Address("host" + i.ToString() + ".local", "10.0.1.1"));
            }

            response.Records.Add(Address("mqtt2go.local", "192.168.1.50"));
            LocalGatewayResolver resolver = new LocalGatewayResolver();

            // Act
            resolver.Add(response);
            string host;
            string address;
            int port;
            bool resolved = resolver.TryResolve(out host, out address, out port);

            // Assert
            Assert.IsFalse(resolved);
        }

        private static MdnsResponse NewResponse()
        {
            return new MdnsResponse(0, 0x8400, 0, 0, 0, 0);
        }

        private static MdnsRecord Pointer(string instance)
        {
            MdnsRecord record = new MdnsRecord("_mqtt._tcp.local", MdnsRecordType.Ptr, false, 4500);
            record.Target = instance;
            return record;
        }

        private static MdnsRecord Service(string instance, int priority, int weight, int port, string target)
        {
            MdnsRecord record = new MdnsRecord(instance, MdnsRecordType.Srv, true, 120);
            record.Priority = priority;
            record.Weight = weight;
            record.Port = port;
            record.Target = target;
            return record;
        }

        private static MdnsRecord Address(string name, string address)
        {
            MdnsRecord record = new MdnsRecord(name, MdnsRecordType.A, true, 120);
            record.Address = address;
            return record;
        }
    }
}
