"""The platform under the use-cases: the audit log, background jobs and the outbox, uploads and
staged imports, downloads (CSV, XLSX, iCalendar), backups, and which engagement a page is about.
It imports models and the small helpers of ``app``, never ``app.services`` or a blueprint."""
