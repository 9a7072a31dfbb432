"""The projects pages: staff.py for the signed-in team, public.py for what an invitation link opens."""
