/**
 * The AI B-roll prompt the planner proposes and the editor pre-fills (issue 14). Pure and free
 * of server imports: the storyboard editor (a client component) uses it too.
 */

/** Words that carry no picture. */
const STOP = new Set(
  ("a an and are as at be been but by can could did do does for from had has have here how i if in into is it its just let lets like me more most " +
    "my no not now of on one or our out over so some than that the their them then there these they this those to too up us was we were what when " +
    "where which who why will with you your yours about after again all also any because before being both each few get gets got just made make " +
    "makes many much need needs new only other own same says said should still such take takes thing things think today very way ways week weeks " +
    "year years day days time times people person follow subscribe comment share video videos here's it's that's you're we're they're don't doesn't " +
    "isn't aren't can't won't use used uses using hook point takeaway stop scrolling watch know want really every everyone").split(/\s+/),
);

/** Topics that have an obvious picture; the first match sets the shot. Checked on whole words. */
const SCENES: Array<[RegExp, string]> = [
  [/\b(code|coding|developers?|programm\w*|software|repos?(itory)?|github|bugs?)\b/i, "lines of code scrolling on a monitor in a dim, modern developer workspace"],
  [/\b(ai|agents?|models?|llms?|automation|automat\w*|robots?|machine learning)\b/i, "an abstract network of glowing nodes and flowing light, suggesting software thinking"],
  [/\b(meetings?|calls?|standups?|zoom)\b/i, "a laptop on a desk showing a video call grid, a coffee cup beside it"],
  [/\b(remote|home office|work from home|async)\b/i, "a bright home office with a laptop, plants and morning light through a window"],
  [/\b(teams?|colleagues|collaborat\w*|company|companies)\b/i, "hands moving sticky notes on a glass wall in a modern office"],
  [/\b(money|revenue|prices?|costs?|pay|salary|budget|funding|market)\b/i, "a close-up of a rising line chart on a tablet screen, soft reflections"],
  [/\b(security|privacy|hack\w*|breach\w*|passwords?)\b/i, "a padlock icon glowing over streams of abstract data on a dark screen"],
  [/\b(phones?|apps?|mobile|smartphones?)\b/i, "a hand scrolling through an app on a smartphone, shallow depth of field"],
  [/\b(health|sleep|fitness|exercise|running)\b/i, "a runner's shoes on a quiet path at sunrise, slow motion"],
  [/\b(productiv\w*|focus\w*|habits?|routine|hours?|deadlines?)\b/i, "a tidy desk with a notebook, a ticking clock and a laptop, morning light"],
  [/\b(news|headlines?|trend\w*|search\w*)\b/i, "a smartphone showing scrolling headlines, blurred city lights behind"],
];

/** Never asked of a clip provider: the prompt falls back to the neutral shot instead. */
const UNSAFE = /\b(kill\w*|blood\w*|gun\w*|weapons?|nude\w*|naked|sex\w*|porn\w*|drugs?|suicide|violen\w*|attack\w*|war|bomb\w*|terror\w*|dead|death)\b/i;

const NEUTRAL = "a calm, modern workspace with a laptop, a notebook and soft daylight";

/**
 * A clip prompt written from the scene's own line: a concrete shot for its topic, the line's
 * key words as the subject, and the look (camera, light) spelled out, ending with what the clip
 * must not show (text, logos, real people) so it stays generic, safe and on-brand. Deterministic.
 * Null when the line has no words to picture.
 */
export function brollPrompt(text: string, role: "hook" | "point"): string | null {
  // Links, handles, hashtags and figures are no picture (and a prompt is not the place for them).
  const plain = text.replace(/https?:\/\/\S+/g, " ").replace(/[@#]\w+/g, " ").replace(/\d[\d.,%]*/g, " ");
  const words = plain.toLowerCase().match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [];
  const keys: string[] = [];
  for (const w of words) if (w.length >= 4 && !STOP.has(w) && !keys.includes(w)) keys.push(w);
  if (!keys.length) return null;
  const safe = !UNSAFE.test(plain);
  const shot = (safe && SCENES.find(([re]) => re.test(plain))?.[1]) || NEUTRAL;
  const subject = safe ? `, evoking ${keys.slice(0, 4).join(", ")}` : "";
  const camera = role === "hook" ? "Dynamic opening shot with a quick push-in" : "Slow, steady dolly shot";
  const prompt = `${camera} of ${shot}${subject}. Cinematic, natural colours, shallow depth of field. No text, no logos, no recognisable people.`;
  return prompt.length <= 500 ? prompt : `${prompt.slice(0, 499)}…`;
}
