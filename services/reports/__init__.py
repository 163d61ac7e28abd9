"""Reports: what can be asked for (catalogue), the queries that answer it a chunk at a time
(queries), the files they become (output), the jobs that track them (jobs) and the schedules
that request them regularly (schedules)."""
