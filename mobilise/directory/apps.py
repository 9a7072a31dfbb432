from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mobilise.directory"
    label = "directory"
    verbose_name = "Directory"
