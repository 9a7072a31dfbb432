"""The evaluation pages, one module per part of the job."""
