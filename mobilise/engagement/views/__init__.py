"""The engagement pages, one module per part of the job."""
