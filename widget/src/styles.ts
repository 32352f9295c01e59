// All of the widget's CSS, inside its shadow root. `all: initial` on the host stops the page's
// inherited fonts, colours and spacing from leaking in; custom properties still pass through, which
// is how a hospital themes it: --hhc-accent, --hhc-accent-text, --hhc-font, --hhc-radius.
// Default colours meet 4.5:1 against their backgrounds (accent #0b5cab on white: 6.7:1).
import { launcherStyles } from './launcher-styles.js';

export const styles = `${launcherStyles}
.panel{position:fixed;right:16px;bottom:16px;z-index:2147483001;display:flex;flex-direction:column;
width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 32px));background:#fff;color:var(--fg);
border:1px solid var(--line);border-radius:var(--r);box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;
animation:hhc-in .18s ease-out}
@keyframes hhc-in{from{opacity:0;transform:translateY(12px)}}
header{display:flex;align-items:center;gap:.5em;padding:.5em .5em .5em 1em;background:var(--a);color:var(--at)}
h2{flex:1;margin:0;font-size:1.1em;font-weight:700}
.close{cursor:pointer;min-width:44px;min-height:44px;border:2px solid transparent;border-radius:8px;background:transparent;color:inherit;font-size:1.5em;line-height:1}
.close:hover{border-color:currentColor}
.newchat{cursor:pointer;min-height:44px;padding:.2em .6em;border:2px solid currentColor;border-radius:8px;background:transparent;color:inherit;font-size:.9em;font-weight:600}
.newchat:hover{background:rgba(255,255,255,.15)}
.confirm{margin:.5em 1em 0;padding:.6em .85em;border:2px solid var(--a);border-radius:8px;background:#fff}
.confirm p{margin:0 0 .4em}
.cleared{margin:0;color:var(--muted)}
.login{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;padding:.4em 1em;border-bottom:1px solid var(--line,#d0d0d0)}
.login .who{flex:1;font-weight:600}
.loginbtn{cursor:pointer;min-height:44px;padding:.2em .8em;border:2px solid var(--a);border-radius:8px;background:transparent;color:var(--a);font:inherit;font-weight:600}
.typing .note{margin-inline-start:.5em}
.mic{display:inline-grid;place-items:center;min-width:44px;padding:.3em .5em}
.mic[aria-pressed=true]{background:var(--alert);border-color:var(--alert);color:#fff}
.voice-status:empty{display:none}
.voice-problem{color:var(--alert);font-weight:600}
header :focus-visible{outline-color:var(--at);box-shadow:none}
.log{flex:1;overflow-y:auto;padding:1em;display:flex;flex-direction:column;gap:.75em;overscroll-behavior:contain}
.intro{margin:0;color:var(--muted)}
.intro p{margin:0 0 .5em}
.msg{display:flex;max-width:100%}
.msg.own{justify-content:flex-end}
.bubble{max-width:88%;padding:.6em .85em;border-radius:var(--r);background:var(--soft);border:1px solid transparent;overflow-wrap:anywhere}
.own .bubble{background:var(--a);color:var(--at);border-end-end-radius:4px}
.other .bubble{border-end-start-radius:4px}
.text{margin:0;white-space:pre-wrap}
.kind-refusal .bubble{display:grid;grid-template-columns:auto 1fr;gap:.5em;background:#fff;border-color:var(--line)}
.kind-refusal .sources{grid-column:1/-1}
.kind-emergency .bubble,.kind-staff .bubble{max-width:100%;background:#fff;border:3px solid var(--alert)}
.kind-staff .bubble{border:2px solid var(--line)}
.kind-emergency .text{font-weight:600}
.kind-system .bubble{max-width:100%;background:transparent;color:var(--muted);font-size:.9em;text-align:center}
.card-label{margin:0 0 .25em;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.kind-emergency .card-label{color:var(--alert)}
.icon{margin-inline-end:.35em}
.phone{font-weight:700;white-space:nowrap;unicode-bidi:isolate}
.cite{text-decoration:none;font-weight:600;padding:0 .1em}
.cite:hover{text-decoration:underline}
sup{line-height:0}
.sources{margin-top:.6em;padding-top:.5em;border-top:1px solid var(--line);font-size:.92em}
.sources-title{margin:0 0 .25em;font-weight:700}
.sources ol{margin:0;padding-inline-start:1.5em}
.sources li{margin:.3em 0;border-radius:4px}
.sources li.highlight{background:#fff3b0}
.excerpt{display:block;color:var(--muted);font-size:.92em}
.fb{display:flex;flex-wrap:wrap;align-items:center;gap:.4em;margin-top:.5em}
.kind-refusal .fb{grid-column:1/-1}
.fb-btn{cursor:pointer;display:inline-grid;place-items:center;min-width:36px;min-height:36px;border:2px solid var(--a);border-radius:8px;background:#fff;color:var(--a)}
.fb-btn[aria-pressed=true]{background:var(--a);color:var(--at)}
.fb-down svg{transform:rotate(180deg)}
.fb-form{flex-basis:100%;padding:0;border:0}
.fb-form textarea{width:100%}
.fb-form .row{margin-top:.4em}
.fb-status{flex-basis:100%}
.fb-status p{margin:0 0 .3em}
.fb-error{color:var(--alert);font-weight:600}
.provisional .text{color:var(--muted)}
.dots{display:inline-flex;gap:4px;padding:.3em 0}
.dots span{width:8px;height:8px;border-radius:50%;background:var(--muted);animation:hhc-dot 1s infinite alternate}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes hhc-dot{to{opacity:.25}}
.error{margin:0 1em .5em;padding:.6em .85em;border:2px solid var(--alert);border-radius:8px;background:#fff}
.error p{margin:0 0 .4em}
.error small{display:block;color:var(--muted);margin-bottom:.4em}
.btn:disabled{cursor:not-allowed;border-style:dashed;filter:none}
form{padding:.5em 1em 1em;border-top:1px solid var(--line)}
label{display:block;font-weight:600;margin-bottom:.25em}
.row{display:flex;gap:.5em;align-items:flex-end}
textarea{flex:1;min-width:0;min-height:44px;max-height:9em;resize:vertical;padding:.5em .6em;border:2px solid var(--line);border-radius:8px;background:#fff}
textarea[aria-invalid=true]{border-color:var(--alert)}
.hint{margin:.25em 0 0;color:var(--muted);font-size:.85em}
.limit{margin:.25em 0 0;color:var(--alert);font-weight:600}
.limit:empty{display:none}
@media (max-width:480px){
.panel{inset:0;width:100%;height:100%;border-radius:0;border:0}
.bubble{max-width:94%}
}
@media (prefers-reduced-motion:reduce){
*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}
}
@media (forced-colors:active){
.bubble,.panel{border:1px solid CanvasText}
}
`;
