"""Documents the system renders for people: report PDFs and invoices share one PDF toolkit."""
