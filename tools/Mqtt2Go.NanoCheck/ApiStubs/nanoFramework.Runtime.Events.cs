// Empty API stub of nanoFramework.Runtime.Events: the test assemblies reference it only because a library they use depends on it (its
// nuspec); no code compiled in CI uses a type of it, so an empty reference keeps any such use a compiler error.
// StubAssembly: nanoFramework.Runtime.Events 1.11.37.0
