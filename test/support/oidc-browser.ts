// Walks an OpenID Connect provider's login in the way a browser would: follows its redirects with
// its cookies, fills oidc-provider's development login form (any password) and consent form, and
// stops at the first redirect to `stopAt` (the app's callback), which it returns unvisited.
import { expect } from 'vitest';

/** A browser's cookie jar for the provider's site, by cookie name. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, index);
      const value = (pair ?? '').slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function loginAtProvider(authorizationUrl: string, login: string, stopAt: string): Promise<URL> {
  const jar = new Jar();
  let location = authorizationUrl;
  for (let step = 0; step < 12 && !location.startsWith(stopAt); step += 1) {
    let response = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] as string;
      const fields: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' };
      response = await fetch(new URL(action, location), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      jar.take(response);
    }
    location = new URL(response.headers.get('location') as string, location).toString();
  }
  expect(location, 'the provider did not send the browser back to the app').toMatch(new RegExp(`^${stopAt.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}`));
  return new URL(location);
}
