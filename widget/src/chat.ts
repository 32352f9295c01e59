// The chat bundle (chat.js): loaded by the launcher (widget.js) when the citizen opens the chat. Defining
// the element upgrades the <hospital-help-chat> the launcher made, in place. A page may also load
// chat.js itself next to a hand-written <hospital-help-chat hospital="…" language="…"> tag.
import { HospitalHelpChat } from './chat-element.js';
import { tagName } from './embed.js';

if (!customElements.get(tagName)) customElements.define(tagName, HospitalHelpChat);
