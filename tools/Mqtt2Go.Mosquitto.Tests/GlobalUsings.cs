global using Microsoft.VisualStudio.TestTools.UnitTesting;

// Integration tests each start their own broker; run classes in parallel is not worth it on a 2-core machine.
[assembly: DoNotParallelize]
