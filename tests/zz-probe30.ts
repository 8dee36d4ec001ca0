import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, previewBuild } from './browser/support.ts';
import { defaultRace } from '../src/default-race.ts';
import { encodeRace } from '../src/state/url-state.ts';
const { server, origin } = await previewBuild('/tmp/probe/shots/after/dist');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const racers = Array.from({ length: 30 }, (_, i) => ({ ...defaultRace.racers[i % 6], id: `r${i + 1}`, label: `${defaultRace.racers[i % 6].label} ${Math.floor(i / 6) + 1}` }));
const token = await encodeRace({ ...defaultRace, name: 'Thirty racers', racers });
for (const n of [6, 30]) for (const [w, h] of [[1440, 900], [390, 844]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`${origin}/#race=${n === 30 ? token : await encodeRace(defaultRace)}`);
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.waitForTimeout(1500);
  const tops = async () => page.evaluate(`(() => {
    const out = {};
    for (const s of document.querySelectorAll('main section.panel, aside .panel, .tabbar, aside [role=tablist]')) {
      const r = s.getBoundingClientRect();
      const name = (s.querySelector('h2, h3, caption, [role=tab]')?.textContent ?? s.className).trim().slice(0, 30);
      out[name] = [Math.round(r.top + scrollY), Math.round(r.height)];
    }
    out.page = document.documentElement.scrollHeight;
    return out;
  })()`);
  console.log(n, w, JSON.stringify(await tops()));
  if (w === 390) { await page.getByRole('tab', { name: /^Racers/ }).click(); await page.waitForTimeout(800); console.log('  racers tab', JSON.stringify(await tops())); await page.getByRole('tab', { name: 'Data' }).click(); await page.waitForTimeout(300); console.log('  data tab', JSON.stringify(await tops())); }
  await page.close();
}
await browser.close(); await server.close();
