"""Since the address: each role's designated regions against the rest and the nation; the national targets.

Thin: everything shown comes from ``regions.pages.delivery`` (through ``ui/cache.py``).
"""

import datetime as dt

import streamlit as st

from regions.base.i18n import t
from regions.pages.delivery import download_name, short_role_name, targets_download_name
from regions.pages.view import role_ids
from ui import cache, common
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage
CARDS_PER_ROW = 3  # Streamlit stacks columns on a phone: one card per row there

st.title(t("delivery_title", lang))
# The answer first: one sentence per role with its numbers, on the base year chosen here (2019 default).
bases = cache.delivery_base_years(layout)
base = st.segmented_control(t("delivery_base_select", lang), bases, default=bases[0], key="delivery_base")
base = int(base) if base in bases else bases[0]  # deselecting the chosen year keeps the default
# The page without its role sections; one role's section is drawn below, the one the view names (issue 19).
model = cache.delivery_head(layout, lang, rule, base)
with st.container(border=True, key="delivery_answers"):
    for ans in model.answers:
        st.markdown(ans.text)
    st.caption(t("delivery_answer_note", lang))

st.write(t("delivery_intro", lang, base=model.base_year))
with st.expander(t("delivery_caveats_header", lang)):
    st.markdown("\n".join(f"- {c}" for c in model.caveats))

today = dt.date.today().isoformat()
with st.expander(t("delivery_downloads", lang)):
    for col, (fmt, label, mime) in zip(
        st.columns(3),
        (
            ("csv", t("download_csv", lang), "text/csv"),
            (
                "xlsx",
                t("download_xlsx", lang),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("targets", t("delivery_download_targets", lang), "text/csv"),
        ),
        strict=True,
    ):
        with col:
            st.download_button(
                label,
                data=cache.delivery_targets_csv(layout)
                if fmt == "targets"
                else cache.delivery_download(layout, rule, fmt, base),
                file_name=targets_download_name(layout, today)
                if fmt == "targets"
                else download_name(layout, rule, fmt, today, base),
                mime=mime,
                on_click="ignore",
                key=f"dl_delivery_{fmt}",
                width="stretch",
            )
    st.caption(t("delivery_download_note", lang))

# One role at a time: its indicators' tables and charts are built and sent only for the role chosen here (the
# view's ``role``, so in the link); the answers above name every role.
ids = role_ids()
chosen = v.role if v.role in ids else ids[0]
st.radio(
    t("delivery_role_select", lang),
    ids,
    format_func=lambda rid: short_role_name(rid, lang),
    horizontal=True,
    **view_state.bind("role", "w_delivery_role", value=chosen),
)
params = view_state.link()
section, charts_json = cache.delivery_section(layout, lang, rule, base, chosen)
st.header(section.name, divider="gray")
for q in section.quotes:
    common.quote(q.text, q.source, lang)
if section.interpretation:
    st.caption(f"{t('interpretation', lang)}: {section.interpretation}")
st.markdown(f"**{t('delivery_units', lang)}**")
for basis, units in section.units_by_basis:
    st.caption(basis[:1].upper() + basis[1:])
    with st.container(horizontal=True, gap="small"):
        for unit in units:
            st.page_link(
                "app_pages/region.py", label=unit.name, query_params={**params, "region": unit.iso_code}
            )
st.caption(t("delivery_rest", lang, n=section.rest_count))
st.caption(t("delivery_how", lang))
common.source(section.source)
with st.expander(
    t("delivery_sources", lang), key=f"delivery_notes_{section.role_id}", on_change="rerun"
) as notes:
    if notes.open:  # drawn when opened: the full citations and notes are most of the page's bytes (issue 19)
        common.source(section.source_lines)
        st.markdown("\n".join(f"- {n}" for n in section.notes))
# One card per indicator: its table and its small multiple. Streamlit stacks the columns on a phone.
for i, (card, fig_json) in enumerate(zip(section.cards, charts_json, strict=True)):
    if i % CARDS_PER_ROW == 0:
        cols = st.columns(CARDS_PER_ROW)
    with cols[i % CARDS_PER_ROW]:
        st.markdown(f"**{card.title}**")
        st.table(card.table, hide_index=True)
        if card.footnotes:
            st.caption("\n\n".join(card.footnotes))
        fig = common.plotly_json(fig_json)
        if card.missing:
            st.caption(card.missing)
        common.source(card.source)
        common.chart_downloads(
            fig,
            title=f"{section.name}: {card.title}",
            subtitle=[t("delivery_base_select", lang) + f" {model.base_year}"],
            source=card.source,
            name=("delivery", section.role_id, card.indicator, model.base_year),
            key=f"delivery_{section.role_id}_{i}",
        )

if model.border is not None:
    # The address's border claim against the counted population of both sides (issue 15).
    st.header(model.border.header, divider="gray")
    common.quote(model.border.quote.text, model.border.quote.source, lang)
    with st.container(border=True, key="border_check"):
        for line in model.border.lines:
            st.write(line)
        st.table(model.border.table, hide_index=True)
        for line in model.border.sources:
            common.source(line)

st.header(t("delivery_targets_header", lang), divider="gray")
for target, target_json in zip(
    model.targets, cache.delivery_target_figures_json(layout, lang, rule, base), strict=True
):
    with st.container(border=True):
        st.subheader(target.name)
        for q in target.quotes:
            common.quote(q.text, q.source, lang)
        st.markdown(f"**{target.due}**")
        st.markdown(f"**{target.headline}**")
        if target.status:
            st.info(target.status)
        if target.also:
            st.markdown(f"{t('delivery_target_also', lang)}:\n" + "\n".join(f"- {a}" for a in target.also))
        if target.nominal:
            st.warning(target.nominal)
        if target.reported is not None:
            # Government figures reported by a news agency, year by year to the due year ("no data" between).
            st.table(target.reported, hide_index=True)
        st.write(target.why)
        fig = common.plotly_json(target_json) if target_json is not None else None
        common.source(target.source)
        if fig is not None:
            common.chart_downloads(
                fig,
                title=target.name,
                subtitle=[target.due],
                source=target.source,
                name=("target", target.target_id),
                key=f"target_{target.target_id}",
            )
        if target.source_lines != target.source:
            with st.expander(
                t("delivery_sources", lang), key=f"delivery_notes_{target.target_id}", on_change="rerun"
            ) as notes:
                if notes.open:
                    common.source(target.source_lines)
