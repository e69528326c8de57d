global using Microsoft.VisualStudio.TestTools.UnitTesting;
global using Mqtt2Go.ReferenceBroker.Controller;
