// The part of the widget's CSS the launcher needs before the chat has loaded: the host reset, the
// button and focus styles. styles.ts builds on it, so the launcher looks the same before and after.
// The host element is in the page's styles' reach: page rules (even `* { font-size: 40px !important }`)
// beat a plain :host rule, but an !important :host rule wins, so the reset and inherited font are !important.
export const launcherStyles = `
:host{all:initial!important;display:block!important;
--a:var(--hhc-accent,#0b5cab);--at:var(--hhc-accent-text,#fff);--r:var(--hhc-radius,12px);
--fg:#1b1b1b;--muted:#4d4d4d;--line:#8a8f98;--soft:#f1f3f6;--link:#0a53a8;--alert:#a4161a;
font:400 max(1rem,16px)/1.5 var(--hhc-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif)!important;color:var(--fg)!important}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea{font:inherit;color:inherit}
a{color:var(--link);text-decoration:underline;text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 5px #fff}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.btn{cursor:pointer;border:2px solid var(--a);border-radius:calc(var(--r)*.75);min-height:44px;padding:.4em 1em;font-weight:600;background:var(--a);color:var(--at)}
.btn:hover{filter:brightness(.9)}
.btn.quiet{background:#fff;color:var(--a)}
.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;border-radius:999px;padding:.6em 1.3em;box-shadow:0 4px 14px rgba(0,0,0,.25)}
`;
