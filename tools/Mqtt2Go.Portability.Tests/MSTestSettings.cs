// Tests share no state except the lazily loaded checker, so classes may run in parallel.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
