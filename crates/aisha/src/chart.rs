//! A stacked-area SVG of the C.A.R.E. state distribution over time, shared by `aisha simulate`
//! and the console. Hand-written on purpose: plotters lays text out with system fonts
//! (font-kit, fontconfig), which a headless server or CI machine does not have, and this chart
//! needs nothing but rectangles, polygons and `<text>`.

use std::fmt::Write;

use aisha_core::care::CareState;

/// One colour per state, in [`CareState::ALL`] order: warm for trouble, cool for progress.
const COLOURS: [&str; 10] = [
    "#9aa5b1", "#7fb3d5", "#5dade2", "#2e86c1", "#48c9b0", "#27ae60", "#f5b041", "#a569bd",
    "#58d68d", "#e74c3c",
];

/// `series[i][s]` is how many relationships were in state `CareState::ALL[s]` at sample `i`;
/// `labels[i]` names the sample (a date).
pub fn state_distribution_svg(title: &str, labels: &[String], series: &[[u64; 10]]) -> String {
    const W: f64 = 880.0;
    const H: f64 = 420.0;
    const LEFT: f64 = 60.0;
    const RIGHT: f64 = 190.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 50.0;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let max_total = series
        .iter()
        .map(|s| s.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = series.len();
    let x = |i: usize| {
        LEFT + plot_w
            * if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.5
            }
    };
    let y = |v: f64| TOP + plot_h - plot_h * v / max_total;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title" font-family="system-ui, sans-serif" font-size="12">"#
    );
    let _ = write!(
        svg,
        r#"<title id="chart-title">{}</title><rect width="{W}" height="{H}" fill="white"/><text x="{LEFT}" y="24" font-size="15" font-weight="bold">{}</text>"#,
        crate::escape_xml(title),
        crate::escape_xml(title)
    );
    if n > 0 {
        let mut below = vec![0u64; n];
        for (s, colour) in COLOURS.iter().enumerate() {
            let above: Vec<u64> = (0..n).map(|i| below[i] + series[i][s]).collect();
            if above != below {
                let mut points = String::new();
                for (i, v) in above.iter().enumerate() {
                    let _ = write!(points, "{:.1},{:.1} ", x(i), y(*v as f64));
                }
                for i in (0..n).rev() {
                    let _ = write!(points, "{:.1},{:.1} ", x(i), y(below[i] as f64));
                }
                let _ = write!(
                    svg,
                    r#"<polygon points="{}" fill="{colour}"><title>{}</title></polygon>"#,
                    points.trim_end(),
                    CareState::ALL[s].as_str()
                );
            }
            below = above;
        }
    }
    // Axes, a few y ticks, first/middle/last date.
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}" stroke="#333"/><line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#333"/>"##,
        TOP + plot_h,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    for k in 0..=4 {
        let v = max_total * k as f64 / 4.0;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y(v) + 4.0,
            v.round() as u64
        );
    }
    if n > 0 {
        for i in [0, n / 2, n - 1] {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x(i),
                TOP + plot_h + 18.0,
                crate::escape_xml(labels.get(i).map(String::as_str).unwrap_or(""))
            );
        }
    }
    for (s, colour) in COLOURS.iter().enumerate() {
        let ly = TOP + 10.0 + 22.0 * s as f64;
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="14" height="14" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
            W - RIGHT + 20.0,
            ly,
            W - RIGHT + 40.0,
            ly + 12.0,
            CareState::ALL[s].as_str()
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars: how many relationships are in each state now.
pub fn state_bars_svg(counts: &[u64; 10]) -> String {
    const W: f64 = 560.0;
    const ROW: f64 = 26.0;
    const LABEL: f64 = 110.0;
    let h = ROW * 10.0 + 10.0;
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" role="img" aria-label="Customers by C.A.R.E. state" font-family="system-ui, sans-serif" font-size="13">"#
    );
    for (i, (state, colour)) in CareState::ALL.iter().zip(COLOURS).enumerate() {
        let y = 5.0 + ROW * i as f64;
        let w = (W - LABEL - 60.0) * counts[i] as f64 / max;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text><rect x="{LABEL}" y="{:.1}" width="{w:.1}" height="{}" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            LABEL - 8.0,
            y + 16.0,
            state.as_str(),
            y + 3.0,
            ROW - 8.0,
            LABEL + w + 6.0,
            y + 16.0,
            counts[i]
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_polygon_per_present_state_and_escaped_title() {
        let svg = state_distribution_svg(
            "A <b> & c",
            &["d1".into(), "d2".into()],
            &[
                [1, 0, 0, 0, 0, 0, 0, 0, 0, 2],
                [0, 1, 0, 0, 0, 0, 0, 0, 0, 2],
            ],
        );
        assert_eq!(svg.matches("<polygon").count(), 3);
        assert!(svg.contains("A &lt;b&gt; &amp; c"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn empty_series_still_renders() {
        let svg = state_distribution_svg("empty", &[], &[]);
        assert!(!svg.contains("<polygon"));
        assert!(svg.contains("Lost"));
    }
}
