// Factory identity tool: see CommandLine.Usage and docs/identity.md.
return Mqtt2Go.Identity.CommandLine.Run(args, Console.Out, Console.Error);
