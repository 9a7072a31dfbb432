"""The logic model's pages, one module per part of the job."""
