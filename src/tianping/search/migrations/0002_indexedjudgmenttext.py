# The long columns (text, tokens) move to search_indexedjudgmenttext, one row per index entry,
# so that search_indexedjudgment is narrow: counting and faceting the matched set reads small
# rows. PostgreSQL's tsvector and its GIN index move with tokens; the FTS5 table of SQLite keeps
# its rowid (= the entry's id) and is not touched. Existing entries are copied, not rebuilt.
# On SQLite the narrow table's pages are only compacted by VACUUM (or `search_rebuild`).

import django.db.models.deletion
from django.db import migrations, models

COPY = (
    "INSERT INTO search_indexedjudgmenttext (judgment_id, text, tokens)"
    " SELECT id, text, tokens FROM search_indexedjudgment"
)
COPY_BACK = (
    "UPDATE search_indexedjudgment SET text = t.text, tokens = t.tokens"
    " FROM search_indexedjudgmenttext t WHERE t.judgment_id = search_indexedjudgment.id"
)
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_indexedjudgment_tsv_gin",
    "ALTER TABLE search_indexedjudgment DROP COLUMN IF EXISTS tsv",
    "ALTER TABLE search_indexedjudgmenttext ADD COLUMN tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED",
    "CREATE INDEX search_indexedjudgmenttext_tsv_gin ON search_indexedjudgmenttext USING gin (tsv)",
    # relevance is ranked on this compact vector of the title and opening (engine.RANK_PG)
    "ALTER TABLE search_indexedjudgmenttext ADD COLUMN rank_tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, left(tokens, 1000))) STORED",
    # ~2.4 kB: compressed in the row rather than moved out to TOAST, so ranking reads no TOAST
    "ALTER TABLE search_indexedjudgmenttext ALTER COLUMN rank_tsv SET STORAGE MAIN",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_indexedjudgmenttext DROP COLUMN IF EXISTS rank_tsv",
    "DROP INDEX IF EXISTS search_indexedjudgmenttext_tsv_gin",
    "ALTER TABLE search_indexedjudgmenttext DROP COLUMN IF EXISTS tsv",
    "ALTER TABLE search_indexedjudgment ADD COLUMN tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED",
    "CREATE INDEX search_indexedjudgment_tsv_gin ON search_indexedjudgment USING gin (tsv)",
]


def _run(statements):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, statements.get("*", [])):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexedJudgmentText",
            fields=[
                (
                    "judgment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="body",
                        serialize=False,
                        to="search.indexedjudgment",
                        verbose_name="检索索引",
                    ),
                ),
                ("text", models.TextField(verbose_name="正文")),
                ("tokens", models.TextField(editable=False)),
            ],
            options={
                "verbose_name": "检索索引正文",
                "verbose_name_plural": "检索索引正文",
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": []}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": []}),
        ),
        # copy the entries (PostgreSQL computes the vectors); back: copy them back into the
        # re-added columns
        migrations.RunPython(_run({"*": [COPY]}), _run({"*": [COPY_BACK]})),
        migrations.RemoveField(model_name="indexedjudgment", name="text"),
        migrations.RemoveField(model_name="indexedjudgment", name="tokens"),
    ]
