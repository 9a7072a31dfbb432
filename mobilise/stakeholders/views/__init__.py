"""The stakeholders pages, one module per part of the job."""
