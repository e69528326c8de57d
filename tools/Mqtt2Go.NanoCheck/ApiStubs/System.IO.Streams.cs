// Empty API stub of System.IO.Streams: the test assemblies reference it only because a library they use depends on it (its
// nuspec); no code compiled in CI uses a type of it, so an empty reference keeps any such use a compiler error.
// StubAssembly: System.IO.Streams 1.1.96.0
