// The dashboard's browser script: draws each figure's data (data-chart) with ECharts, sized in CSS pixels so axis labels
// stay readable from a 360-px phone to a wide screen; the data table stays for screen readers.
(function () {
  var echarts = window.echarts;
  if (!echarts) return;
  var PALETTE = ['#c2410c', '#0969da', '#1a7f37', '#8250df', '#9a6700', '#cf222e', '#57606a', '#bf3989'];
  var FONT = '"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif';
  var text = { fontFamily: FONT, fontSize: 13, color: '#1f2328' };

  function bars(spec, width) {
    // Category names keep up to a third of the width, cut with … beyond that (the full name is in the table and tooltip).
    var labelWidth = Math.max(64, Math.min(140, Math.round(width * 0.34)));
    return {
      height: spec.rows.length * 30 + 34,
      option: {
        color: PALETTE,
        textStyle: text,
        grid: { left: 4, right: 48, top: 4, bottom: 4, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, axisLabel: text, splitLine: { lineStyle: { color: '#eaeef2' } } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: spec.rows.map(function (r) {
            return r.label;
          }),
          axisLabel: Object.assign({ width: labelWidth, overflow: 'truncate' }, text),
          axisTick: { show: false },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 22,
            colorBy: 'data',
            data: spec.rows.map(function (r) {
              return r.value;
            }),
            label: { show: true, position: 'right', formatter: '{c}' + spec.unit, fontFamily: FONT, fontSize: 13, color: '#1f2328' },
          },
        ],
      },
    };
  }

  function stacked(spec, width) {
    return {
      height: width < 480 ? 280 : 300,
      option: {
        color: PALETTE,
        textStyle: text,
        legend: { top: 0, left: 0, textStyle: text, itemWidth: 14, itemHeight: 10 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 12, top: width < 480 ? 56 : 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: spec.categories, axisLabel: Object.assign({ hideOverlap: true }, text), axisTick: { alignWithLabel: true } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: text, splitLine: { lineStyle: { color: '#eaeef2' } } },
        series: spec.series.map(function (s) {
          return { type: 'bar', name: s.name, stack: 'all', barMaxWidth: 28, data: s.values };
        }),
      },
    };
  }

  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var spec;
    try {
      spec = JSON.parse(el.dataset.chart);
    } catch (e) {
      return;
    }
    var build = spec.kind === 'bars' ? bars : stacked;
    el.closest('figure').classList.add('drawn');
    var first = build(spec, el.clientWidth);
    el.style.height = first.height + 'px';
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    // No animation: staff glance at the figures, and a half-grown bar would misread for a moment.
    first.option.animation = false;
    chart.setOption(first.option);
    // The label width follows the figure's width, so a phone turned sideways or a resized window redraws to fit.
    var lastWidth = el.clientWidth;
    new ResizeObserver(function () {
      if (el.clientWidth === lastWidth) return;
      lastWidth = el.clientWidth;
      var next = build(spec, lastWidth);
      el.style.height = next.height + 'px';
      next.option.animation = false;
      chart.setOption(next.option);
      chart.resize();
    }).observe(el);
  });
})();
