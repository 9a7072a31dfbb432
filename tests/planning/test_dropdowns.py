"""Element drop-downs follow the board: columns left to right (inputs to impact), each top to bottom, with
option labels short enough not to widen the page."""

from mobilise.planning import access, services
from mobilise.planning.forms import ElementForm, LinkForm, NoteForm, short
from mobilise.planning.models import OUTCOMES, Column


def add(project, column, text):
    return services.add_element(project=project, column=column, text=text)


def test_drop_downs_list_elements_in_column_order(project):
    impact = add(project, Column.IMPACT, "Fewer late diagnoses")
    long = add(project, Column.LONG, "Screening becomes routine")
    short_term = add(project, Column.SHORT, "Women know about screening")
    medium = add(project, Column.MEDIUM, "More women book")
    activity = add(project, Column.ACTIVITIES, "Train champions")
    inputs = add(project, Column.INPUTS, "Funding")
    output = add(project, Column.OUTPUTS, "Champions trained")
    note = add(project, Column.ASSUMPTIONS, "Venues stay open")
    elements, links = access.contents(access.model_of(project))
    order = [inputs, activity, output, short_term, medium, long, impact]
    labels = [label for value, label in NoteForm(elements=elements, links=links).fields["about"].choices[1:]]
    assert labels == [f"{Column(e.column).label}: {e.text}" for e in order]
    form = ElementForm(element=note, elements=[e for e in elements if e != note], links=links)
    assert [label for _, label in form.fields["about"].choices[1:]] == labels
    targets = LinkForm(source=inputs, elements=elements).fields["target"].choices[1:]
    assert [label.split(":")[0] for _, label in targets] == [Column(e.column).label for e in order[1:]]
    assert list(access.project_elements(project, [Column.OUTPUTS, *OUTCOMES])) == order[2:]


def test_option_labels_are_cut_at_a_word():
    assert short("Train champions") == "Train champions"
    cut = short("Community health champions from faith and women's organisations run sessions")
    assert cut == "Community health champions from faith and…" and len(cut) <= 50
    assert short("x" * 80) == "x" * 49 + "…"
