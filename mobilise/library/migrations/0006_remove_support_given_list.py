# The JSON list of support given, copied to SupportGiven rows by 0005, goes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('library', '0005_support_given_as_rows'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='casestudy',
            name='support_given',
        ),
        migrations.RemoveField(
            model_name='historicalcasestudy',
            name='support_given',
        ),
    ]
