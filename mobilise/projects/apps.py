from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mobilise.projects"
    label = "projects"
    verbose_name = "Projects"
