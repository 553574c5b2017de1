import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './chromium';
const b = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
const p = await b.newPage({ viewport: { width: 1280, height: 720 } });
await p.goto(`http://127.0.0.1:4214/?lang=tr&scene=production`);
await p.waitForTimeout(800);
console.log(await p.evaluate(() => { const e = document.querySelector('[data-stat=time]'); if (!e) return 'none'; const r = e.getBoundingClientRect(); const m = document.querySelector('.metrics')!.getBoundingClientRect(); return JSON.stringify({r, m, d: getComputedStyle(e).display, tb: document.querySelector('.toolbar')!.getBoundingClientRect()}); }));
await b.close();
