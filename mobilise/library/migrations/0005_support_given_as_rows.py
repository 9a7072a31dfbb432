# The support given moves from a JSON list on each entry to rows of its own (SupportGiven); the list goes in 0006.
# Two migrations, so that PostgreSQL never alters the table in the transaction that wrote the rows.

import django.db.models.deletion
from django.db import migrations, models


def copy_to_rows(apps, schema_editor):
    """Each entry's list of support codes becomes its rows (codes no longer offered are dropped, as the page did)."""
    CaseStudy = apps.get_model("library", "CaseStudy")
    SupportGiven = apps.get_model("library", "SupportGiven")
    known = {code for code, _ in SupportGiven._meta.get_field("support").choices}
    rows = []
    for pk, codes in CaseStudy.objects.values_list("pk", "support_given").iterator(chunk_size=2000):
        rows += [SupportGiven(case_study_id=pk, support=c) for c in dict.fromkeys(codes or []) if c in known]
    SupportGiven.objects.bulk_create(rows, batch_size=2000)


def copy_to_lists(apps, schema_editor):
    CaseStudy = apps.get_model("library", "CaseStudy")
    SupportGiven = apps.get_model("library", "SupportGiven")
    lists: dict[int, list[str]] = {}
    for pk, code in SupportGiven.objects.order_by("pk").values_list("case_study_id", "support"):
        lists.setdefault(pk, []).append(code)
    for pk, codes in lists.items():
        CaseStudy.objects.filter(pk=pk).update(support_given=codes)


class Migration(migrations.Migration):

    dependencies = [
        ('library', '0004_stored_search_document_and_staff_list_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SupportGiven',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('support', models.CharField(choices=[('logic_model', 'Logic model'), ('pathways', 'Pathways to impact'), ('commissioning_workshop', 'Commissioning workshop'), ('kmb_guidance', 'Knowledge mobilisation guidance'), ('grant_support', 'Grant support'), ('stakeholder_mapping', 'Stakeholder mapping'), ('evaluation', 'Evaluation'), ('other', 'Other')], max_length=32)),
                ('case_study', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='library.casestudy')),
            ],
            options={
                'indexes': [models.Index(fields=['support', 'case_study'], name='library_sup_support_010716_idx')],
                'constraints': [models.UniqueConstraint(fields=('case_study', 'support'), name='library_support_given_once')],
            },
        ),
        migrations.RunPython(copy_to_rows, copy_to_lists),
]
