/*
 * Charts of the fiche (ECharts) drawn from the page's data block, the tables' buttons (show, CSV), and the index's
 * search box. The same file is linked by the live pages and inlined in the exported ones.
 */
(function () {
  'use strict';

  var COLOURS = { imports: '#2f6fb5', exports: '#7b3fa0', red: '#d7301f', green: '#2e9d4f',
    country: '#8c8c9e', link: '#b4b4c4' };
  var NBSP = '\u00a0';
  /** The Sankeys' node labels. */
  var LABEL_SIZE = 11;
  var LABEL_FONT = LABEL_SIZE + 'px sans-serif';

  /** Millions of euros, one decimal, French style: 1 109,1 M€ (as the server formats the tables). */
  function meur(euros) {
    var parts = (Math.abs(euros) / 1e6).toFixed(1).split('.');
    var sign = euros < 0 && parts.join('') !== '00' ? '-' : '';
    return sign + parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + ',' + parts[1] + NBSP + 'M€';
  }

  function shorten(text, max) {
    return text.length <= max ? text : text.slice(0, max - 1) + '…';
  }

  function partners(fiche) {
    var rows = fiche.partners.slice().reverse(); // the category axis runs upwards: largest partner on top
    var bar = function (value, colour) { return { value: value, itemStyle: { color: colour } }; };
    return {
      count: rows.length,
      option: {
        legend: { top: 0, data: ['Importations', 'Exportations', 'Balance'] },
        grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: function (items) {
          var p = rows[items[0].dataIndex];
          return p.name + '<br>Importations : ' + meur(p.importsEur) + '<br>Exportations : ' + meur(p.exportsEur)
            + '<br>Balance : ' + meur(p.balanceEur);
        } },
        xAxis: { type: 'value', axisLabel: { formatter: function (v) { return meur(Math.abs(v)); } } },
        yAxis: { type: 'category', data: rows.map(function (p) { return shorten(p.name, 22); }), axisTick: { show: false } },
        series: [
          { name: 'Importations', type: 'bar', stack: 'flux', barWidth: '70%', itemStyle: { color: COLOURS.imports },
            data: rows.map(function (p) { return -p.importsEur; }) },
          { name: 'Exportations', type: 'bar', stack: 'flux', itemStyle: { color: COLOURS.exports },
            data: rows.map(function (p) { return p.exportsEur; }) },
          // the balance drawn over the two flows as a thin bar, red when negative, green when positive
          { name: 'Balance', type: 'bar', barWidth: '22%', barGap: '-100%', z: 3, itemStyle: { color: COLOURS.green },
            data: rows.map(function (p) { return bar(p.balanceEur, p.balanceEur < 0 ? COLOURS.red : COLOURS.green); }) }
        ]
      }
    };
  }

  function treemap(fiche) {
    var group = function (name, products, colour) {
      return { name: name, itemStyle: { color: colour },
        children: products.map(function (p) {
          return { name: p.name, value: p.valueEur, itemStyle: { color: colour } };
        }) };
    };
    var data = [group('Importations', fiche.products.imports, COLOURS.imports),
      group('Exportations', fiche.products.exports, COLOURS.exports)];
    return {
      count: fiche.products.imports.length + fiche.products.exports.length,
      option: {
        tooltip: { formatter: function (p) { return p.name + ' : ' + meur(p.value); } },
        series: [{ type: 'treemap', data: data, roam: false, nodeClick: false, breadcrumb: { show: false },
          left: 0, right: 0, top: 0, bottom: 0,
          upperLabel: { show: true, height: 20, color: '#fff', fontWeight: 'bold' },
          label: { show: true, formatter: function (p) { return p.name + '\n' + meur(p.value); }, fontSize: 11,
            overflow: 'break' },
          levels: [{ itemStyle: { gapWidth: 4, borderColor: '#fff' } },
            { itemStyle: { gapWidth: 1, borderColor: '#fff', borderWidth: 1 } }] }]
      }
    };
  }

  /**
   * Exports read product → country, imports country → product; the 5 largest links in red. Products' names are long
   * and countries' short: the products' side gets the wider margin. A label too long for its margin (measured in pixels
   * at the chart's width) ends with an ellipsis; its node's tooltip gives the whole name.
   */
  function sankey(fiche, flow, width) {
    var s = fiche.sankey[flow];
    var exports = flow === 'exports';
    var labels = {};
    var node = function (prefix, colour) {
      return function (n) {
        labels[prefix + n.code] = n.name;
        return { name: prefix + n.code, itemStyle: { color: colour } };
      };
    };
    var products = s.products.map(node('p:', COLOURS[flow]));
    var countries = s.countries.map(node('c:', COLOURS.country));
    var links = s.links.map(function (l) {
      var product = 'p:' + l.product;
      var country = 'c:' + l.country;
      return { source: exports ? product : country, target: exports ? country : product, value: l.valueEur,
        lineStyle: { color: l.highlight ? COLOURS.red : COLOURS.link, opacity: l.highlight ? 0.8 : 0.45 } };
    });
    var productSide = Math.round(width * 0.34);
    var countrySide = Math.round(width * 0.2);
    var left = exports ? productSide : countrySide;
    var right = exports ? countrySide : productSide;
    // A label stands 5 px from its node; a few pixels more keep it off the chart's edge. Cut here, with the font the
    // label is drawn in (ECharts 5.3 cannot be given its own ellipsis character).
    var room = function (code) { return Math.max((code.charAt(0) === 'p' ? productSide : countrySide) - 10, 16); };
    var label = function (p) {
      return echarts.format.truncateText(labels[p.name] || p.name, room(p.name), LABEL_FONT, '…');
    };
    var fit = function (position, side) {
      return { position: position, width: Math.max(side - 10, 16), overflow: 'truncate' };
    };
    return {
      count: links.length,
      option: {
        tooltip: { formatter: function (p) {
          return p.dataType === 'edge'
            ? labels[p.data.source] + ' → ' + labels[p.data.target] + ' : ' + meur(p.data.value)
            : labels[p.name] + ' : ' + meur(p.value);
        } },
        // nodeGap: at least a label's height between two nodes, so that the labels of the smallest ones do not overlap
        series: [{ type: 'sankey', left: left, right: right, top: 6, bottom: 6, nodeGap: LABEL_SIZE + 3, nodeWidth: 12,
          layoutIterations: 0, // keep the order of the data: largest first, "Autres" last
          data: exports ? products.concat(countries) : countries.concat(products), links: links,
          label: { formatter: label, fontSize: LABEL_SIZE, fontFamily: 'sans-serif' },
          levels: [{ depth: 0, label: fit('left', left) }, { depth: 1, label: fit('right', right) }],
          emphasis: { focus: 'adjacency' } }]
      }
    };
  }

  /** A fraction as a percentage, one decimal, French style: 4,2 %. */
  function percent(fraction) {
    return (fraction * 100).toFixed(1).replace('.', ',') + NBSP + '%';
  }

  /** Exports and imports per quarter; a quarter not loaded is a gap in its line. */
  function trend(fiche) {
    var quarters = fiche.trend.quarters;
    var line = function (name, key, colour) {
      return { name: name, type: 'line', symbolSize: 6, itemStyle: { color: colour }, lineStyle: { color: colour },
        data: quarters.map(function (q) { return q[key] === null ? '-' : q[key]; }) };
    };
    return {
      count: quarters.length,
      option: {
        legend: { top: 0, data: ['Exportations', 'Importations'] },
        grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
        tooltip: { trigger: 'axis', formatter: function (items) {
          return items[0].axisValue + items.map(function (i) {
            return '<br>' + i.seriesName + ' : ' + (typeof i.value === 'number' ? meur(i.value) : 'non chargé');
          }).join('');
        } },
        xAxis: { type: 'category', data: quarters.map(function (q) { return q.year + '-T' + q.quarter; }) },
        yAxis: { type: 'value', axisLabel: { formatter: function (v) { return meur(v); } } },
        series: [line('Exportations', 'exportsEur', COLOURS.exports), line('Importations', 'importsEur', COLOURS.imports)]
      }
    };
  }

  /** The parts of each flow with the United States, China and the rest of the EU-27, France's beside (paler). */
  function exposure(fiche) {
    var partners = [['shareUnitedStates', 'États-Unis'], ['shareChina', 'Chine'], ['shareEu27', 'UE (26 autres membres)']];
    var bars = function (name, shares, colour, opacity) {
      return { name: name, type: 'bar', itemStyle: { color: colour, opacity: opacity },
        data: partners.map(function (p) { return shares[p[0]] === null ? '-' : shares[p[0]]; }) };
    };
    var e = fiche.exposure;
    var series = fiche.geo.code === 'fr'
      ? [bars('Exportations', e.exports, COLOURS.exports, 1), bars('Importations', e.imports, COLOURS.imports, 1)]
      : [bars('Exportations', e.exports, COLOURS.exports, 1), bars('Exportations (France)', e.france.exports, COLOURS.exports, 0.4),
        bars('Importations', e.imports, COLOURS.imports, 1), bars('Importations (France)', e.france.imports, COLOURS.imports, 0.4)];
    return {
      count: partners.length,
      option: {
        legend: { top: 0, data: series.map(function (s) { return s.name; }) },
        grid: { left: 10, right: 20, top: 34, bottom: 10, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: function (items) {
          return items[0].axisValue + items.map(function (i) {
            return '<br>' + i.seriesName + ' : ' + (typeof i.value === 'number' ? percent(i.value) : 'n.d.');
          }).join('');
        } },
        xAxis: { type: 'category', data: partners.map(function (p) { return p[1]; }) },
        yAxis: { type: 'value', axisLabel: { formatter: function (v) { return percent(v); } } },
        series: series
      }
    };
  }

  var KINDS = { partners: partners, treemap: treemap, sankey: sankey, trend: trend, exposure: exposure };

  function drawCharts() {
    var block = document.getElementById('fiche-data');
    if (!block) {
      return;
    }
    var data = JSON.parse(block.textContent);
    var charts = [];
    document.querySelectorAll('.chart[data-kind]').forEach(function (el) {
      var fiche = data[el.dataset.source];
      // the option for the chart's present width (the Sankeys' margins and labels are in pixels)
      var build = function () {
        var chart = KINDS[el.dataset.kind](fiche, el.dataset.flow, el.clientWidth);
        chart.option.animation = false;
        if (chart.count === 0) {
          chart.option = { title: { text: 'Aucun échange', left: 'center', top: 'middle', textStyle: { color: '#5c5c6e' } } };
        }
        return chart;
      };
      var instance = echarts.init(el, null, { renderer: 'svg' });
      var chart = build();
      instance.setOption(chart.option);
      el.dataset.rendered = String(chart.count); // number of items drawn, read by the end-to-end test
      charts.push({ instance: instance, build: build, perWidth: el.dataset.kind === 'sankey' && chart.count > 0 });
    });
    var resize = function () {
      charts.forEach(function (c) {
        c.instance.resize();
        if (c.perWidth) {
          c.instance.setOption(c.build().option);
        }
      });
    };
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
  }

  function csvOf(table) {
    var quote = function (text) { return /[";\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; };
    return Array.prototype.map.call(table.querySelectorAll('tr'), function (tr) {
      return Array.prototype.map.call(tr.children, function (cell) {
        return quote(cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim());
      }).join(';');
    }).join('\r\n');
  }

  function wireTableButtons() {
    document.querySelectorAll('button.csv').forEach(function (button) {
      button.addEventListener('click', function () {
        var blob = new Blob(['\ufeff' + csvOf(document.getElementById(button.dataset.table))], { type: 'text/csv;charset=utf-8' });
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = button.dataset.file;
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    });
    document.querySelectorAll('button.show-table').forEach(function (button) {
      button.addEventListener('click', function () {
        var hidden = document.getElementById(button.dataset.table).classList.toggle('sr-only');
        button.textContent = hidden ? 'Afficher le tableau' : 'Masquer le tableau';
      });
    });
  }

  function wireSearch() {
    var input = document.getElementById('search');
    if (!input) {
      return;
    }
    var fold = function (text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
    var rows = document.querySelectorAll('#territories tbody tr');
    input.addEventListener('input', function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = fold(row.dataset.search);
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      document.getElementById('no-match').hidden = shown > 0;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    wireTableButtons();
    wireSearch();
  });
}());
