"""Bulk jobs: imports, ICCID batches and order status changes too large for one request, run by
the BulkJobWorkflow a chunk at a time with every row's outcome kept (jobs: lifecycle and who sees
what; kinds: what each kind records and how its rows are done; processing: the chunks)."""
