"""The plotly choropleth the map page drew before the map became server-drawn SVG: the benchmark's baseline.

Moved here from ``regions/present/figures.py`` (issue 18: no page draws it, so it is not the package's
code any more). ONE choropleth trace for all regions (plotly express would make one trace per category and
copy the whole GeoJSON into each), plus, when some regions have no figure, one grey trace holding only
those regions, and a text trace naming the neighbouring countries.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regions.base.i18n import t
from regions.geo import webfiles
from regions.present.figures import (
    AXIS_TICKS,
    COUNTRY_LABELS,
    DIMMED_OPACITY,
    MISSING_COLOUR,
    NO_ROLE_COLOUR,
    NUMERIC_SCALE,
    OUT_OF_FOCUS_COLOUR,
    Category,
    MapUnit,
    separators,
    stepped_scale,
)
from regions.stats.transforms import ColourScale


def _geo_layout(lang: str) -> dict:
    return dict(
        # Fixed extent rather than fitbounds: legend-only traces have no locations and would make
        # fitbounds zoom out to the whole globe.
        fitbounds=False,
        lonaxis=dict(range=[45.5, 89.0]),
        lataxis=dict(range=[39.5, 56.0]),
        center=dict(lon=67.0, lat=48.0),
        visible=True,
        resolution=50,
        projection=dict(type="conic equal area", parallels=[45, 51], rotation=dict(lon=67)),
        showcountries=True,
        countrycolor="#9e9e9e",
        countrywidth=0.6,
        showland=True,
        landcolor="#eeeeee",
        showocean=True,
        oceancolor="#dceaf5",
        showlakes=True,
        lakecolor="#dceaf5",
        showcoastlines=True,
        coastlinecolor="#9e9e9e",
        showframe=False,
        bgcolor="rgba(0,0,0,0)",
    )


def _country_trace(lang: str) -> go.Scattergeo:
    lons, lats, texts = [], [], []
    from regions.base.i18n import t

    for key, (lon, lat) in COUNTRY_LABELS.items():
        lons.append(lon)
        lats.append(lat)
        texts.append(t(f"map_label_{key}", lang))
    return go.Scattergeo(
        lon=lons,
        lat=lats,
        text=texts,
        mode="text",
        textfont=dict(color="#616161", size=12),
        hoverinfo="skip",
        showlegend=False,
        name="countries",
    )


def _legend_entry(name: str, colour: str, group: str, title: str | None = None) -> go.Scattergeo:
    """A legend-only square of ``colour`` (no point is drawn): how the map's legend lists its categories."""
    return go.Scattergeo(
        lon=[None],
        lat=[None],
        mode="markers",
        marker=dict(symbol="square", size=14, color=colour, line=dict(color="#757575", width=0.5)),
        name=name,
        showlegend=True,
        hoverinfo="skip",
        legendgroup=group,
        legendgrouptitle=dict(text=title) if title else None,
    )


def map_figure(
    units: Sequence[MapUnit],
    geojson: dict | str,
    *,
    lang: str,
    categorical: bool,
    categories: Sequence[Category] = (),
    highlight: set[str] | None = None,
    legend_title: str = "",
    missing_label: str = "no data",
    out_of_focus_label: str = "outside the filter",
    height: int = 560,
    colour: ColourScale | None = None,
) -> go.Figure:
    """The choropleth map (the plotly baseline of ``bench/``; the app draws :mod:`regions.present.svgmap`).

    Parameters
    ----------
    units
        One entry per region of the layout.
    geojson
        The layout's FeatureCollection, or the URL the browser fetches it from (the app sends the URL, so
        that 130 KB of geometry never travels inside the figure); features match on ``id`` (ISO code).
    categorical
        Colour by ``MapUnit.category`` (a key of ``categories``; the legend lists exactly ``categories``,
        in order, in their colours) or by
        ``MapUnit.value`` on a continuous colour-blind-safe scale.
    highlight
        Codes to highlight; the others are dimmed. ``None`` highlights all.
    colour
        Numeric maps: the colour value of each unit (:func:`regions.stats.transforms.colour_scale`: linear,
        log10 with the colour bar labelled in the figures' own values, or quantile bins drawn in discrete
        steps labelled by each bin's lowest and highest value). ``None``: ``MapUnit.value`` on a linear
        scale.
    """
    codes = [u.iso_code for u in units]
    customdata = np.array([[u.iso_code, u.name, u.hover] for u in units], dtype=object)
    hovertemplate = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
    traces: list[go.BaseTraceType] = []
    # plotly.js applies one opacity per choropleth trace (a per-location list is ignored), so a sector
    # filter splits the regions into a highlighted and a dimmed trace. Each trace carries only its own
    # features, so the GeoJSON is never copied twice.
    if highlight is None:
        groups = [(list(range(len(units))), 1.0, 0.6)]
    else:
        matched = [i for i, c in enumerate(codes) if c in highlight]
        others = [i for i, c in enumerate(codes) if c not in highlight]
        groups = [
            (idx, op, lw) for idx, op, lw in ((matched, 1.0, 2.0), (others, DIMMED_OPACITY, 0.6)) if idx
        ]

    def features(idx: list[int]) -> dict | str:
        # A URL: every trace names the same file, fetched once by the browser; plotly.js draws only each
        # trace's own locations.
        if isinstance(geojson, str) or len(idx) == len(units):
            return geojson
        wanted = {codes[i] for i in idx}
        return {
            "type": "FeatureCollection",
            "features": [f for f in geojson["features"] if f["id"] in wanted],
        }

    def choropleth(idx: list[int], opacity: float, width: float, **kwargs) -> go.Choropleth:
        return go.Choropleth(
            geojson=features(idx),
            featureidkey="id",
            locations=[codes[i] for i in idx],
            marker=dict(opacity=opacity, line=dict(color="#ffffff", width=width)),
            customdata=customdata[idx],
            hovertemplate=hovertemplate,
            **kwargs,
        )

    layout_extra: dict = {}
    if categorical:
        cats = [c.key for c in categories]
        colours = {c.key: c.colour for c in categories}
        labels = {c.key: c.label for c in categories}
        index = {c: i for i, c in enumerate(cats)}
        n = max(len(cats), 1)
        # A stepped colour scale with one band per category; the colour bar is hidden and the legend is
        # made of one legend-only entry per category in the same colour, so the legend lists exactly the
        # categories on the map, in the map's colours.
        scale = []
        for i, cat in enumerate(cats):
            scale += [(i / n, colours[cat]), ((i + 1) / n, colours[cat])]
        in_focus = set(cats)
        for idx, opacity, width in groups:
            dimmed = opacity < 1.0
            if not dimmed and highlight is not None:
                in_focus = {units[i].category for i in idx}
            traces.append(
                choropleth(
                    idx,
                    opacity,
                    width,
                    z=[index[units[i].category] for i in idx],
                    zmin=-0.5,
                    zmax=n - 0.5,
                    colorscale=(
                        [(0, OUT_OF_FOCUS_COLOUR), (1, OUT_OF_FOCUS_COLOUR)]
                        if dimmed
                        else scale or [(0, NO_ROLE_COLOUR), (1, NO_ROLE_COLOUR)]
                    ),
                    showscale=False,
                    name="regions",
                    showlegend=False,
                )
            )
        if highlight is not None and len(highlight) == 0:
            in_focus = set()
        shown_cats = [c for c in cats if c in in_focus]
        cats = shown_cats
        for cat in cats:
            traces.append(
                _legend_entry(labels[cat], colours[cat], "roles", legend_title if cat == cats[0] else None)
            )
        if highlight is not None and len(highlight) < len(units):
            traces.append(_legend_entry(out_of_focus_label, OUT_OF_FOCUS_COLOUR, "focus"))
    else:
        zs = list(colour.z) if colour is not None else [u.value for u in units]
        zs = [z if z is not None and np.isfinite(z) else None for z in zs]
        finite = [z for z in zs if z is not None]
        # Below the map, across its width: a colour bar beside the map leaves a phone a map of 100 px.
        colorbar = dict(
            title=dict(text=legend_title, side="top"),
            orientation="h",
            thickness=14,
            len=1.0,
            x=0.0,
            xanchor="left",
            y=-0.02,
            yanchor="top",
        )
        if colour is not None and colour.tickvals:
            colorbar.update(tickvals=colour.tickvals, ticktext=colour.ticktext, tickmode="array")
        else:
            colorbar.update(tickformat=AXIS_TICKS)  # 5,000,000 / 5 000 000, never "5M"
        layout_extra["separators"] = separators(lang)
        # One colour axis shared by the highlighted and dimmed traces, so equal values get equal colours.
        if colour is not None and colour.stepped:
            # Quantile bins: one legend square per bin, labelled with its lowest and highest value (a
            # colour bar's five range labels would overlap on a phone).
            steps = stepped_scale(colour.n_bins)
            layout_extra["coloraxis"] = dict(
                colorscale=steps, cmin=-0.5, cmax=max(colour.n_bins, 1) - 0.5, showscale=False
            )
            for i, label in enumerate(colour.ticktext or []):
                traces.append(_legend_entry(label, steps[2 * i][1], "bins", legend_title if i == 0 else None))
        else:
            layout_extra["coloraxis"] = dict(
                colorscale=NUMERIC_SCALE,
                cmin=min(finite) if finite else 0,
                cmax=max(finite) if finite else 1,
                colorbar=colorbar,
            )
        missing_shown = False
        for idx, opacity, width in groups:
            have = [i for i in idx if zs[i] is not None]
            missing = [i for i in idx if i not in set(have)]
            if have:
                traces.append(
                    choropleth(
                        have,
                        opacity,
                        width,
                        z=[zs[i] for i in have],
                        coloraxis="coloraxis",
                        name="regions",
                    )
                )
            if missing:
                # Missing figures are drawn and labelled as missing, never coloured as a value.
                traces.append(
                    choropleth(
                        missing,
                        opacity,
                        width,
                        z=[0] * len(missing),
                        colorscale=[(0, MISSING_COLOUR), (1, MISSING_COLOUR)],
                        showscale=False,
                        name=missing_label,
                        showlegend=not missing_shown,
                    )
                )
                missing_shown = True
    # Under a colour bar the legend (the "no data" square) goes below it.
    legend_y = -0.02 if categorical or (colour is not None and colour.stepped) else -0.3
    traces.append(_country_trace(lang))
    fig = go.Figure(traces)
    fig.update_geos(**_geo_layout(lang))
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        legend=dict(
            orientation="h", yanchor="top", y=legend_y, x=0.0, itemclick=False, itemdoubleclick=False
        ),
        clickmode="event+select",
        dragmode=False,
        # Streamlit's theme replaces the template in the browser: plotly's default one is 3.4 KB per figure.
        template="none",
        **layout_extra,
    )
    return fig


def model_figure(model, layout: str, lang: str, highlight: set[str] | None = None) -> go.Figure:
    """The plotly figure of a map page model (``regions.pages.map.MapModel``); boundaries by URL."""
    return map_figure(
        model.units,
        webfiles.boundaries_url(layout),
        lang=lang,
        categorical=model.categorical,
        categories=model.categories,
        highlight=highlight,
        legend_title=model.legend_title,
        colour=model.colour,
        missing_label=t("missing", lang),
        out_of_focus_label=t("out_of_focus", lang),
    )
