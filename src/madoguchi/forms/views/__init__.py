"""Pages of the forms context: applicants (applicant), the builder (builder), staff inboxes (inbox)."""
