"""Demo accounts: one of each persona in DESIGN.md. All people here are fictional."""

from .models import User

LOGINS = [
    ("adviser@mobilise.test", "KMb adviser: sees every project"),
    ("lead@mobilise.test", "Research lead of the TOGETHER-Screen project"),
    ("member@mobilise.test", "Member of TOGETHER-Screen"),
    ("viewer@mobilise.test", "Viewer (partner) on TOGETHER-Screen"),
    ("outsider@mobilise.test", "Researcher on another project only"),
    ("admin@mobilise.test", "Administrator: accounts and the directory"),
]


def build(context):
    password = context["password"]
    make = User.objects.create_user
    context["users"] = users = {
        "adviser": make("adviser@mobilise.test", password, full_name="Priya Shah", is_adviser=True),
        "adviser2": make("t.hughes@mobilise.test", password, full_name="Tom Hughes", is_adviser=True),
        "lead": make("lead@mobilise.test", password, full_name="Dr Aisha Rahman"),
        "member": make("member@mobilise.test", password, full_name="Ben Carter"),
        "viewer": make("viewer@mobilise.test", password, full_name="Grace Okafor"),
        "outsider": make("outsider@mobilise.test", password, full_name="Dr Oliver Grant"),
        "lead2": make("m.novak@mobilise.test", password, full_name="Dr Marta Novak"),
        "lead3": make("j.osei@mobilise.test", password, full_name="Prof James Osei"),
    }
    users["admin"] = User.objects.create_superuser("admin@mobilise.test", password, full_name="Sam Admin")
    users["admin"].is_adviser = False
    users["admin"].save()
