import { renderPresenterVideo } from "./render";
const SCRIPT =
  "Welcome back to the studio. Today we look at three trends that will shape short video this year. " +
  "First, presenters are getting more personal, and audiences reward honesty over polish. " +
  "Second, captions matter more than ever, because most people watch with the sound off. " +
  "Third, consistency beats perfection. Post often, learn from every video, and keep your message simple. " +
  "If you remember one thing, make it this: show up every week. Thanks for watching, and see you next time.";
const aspect = (process.argv[2] ?? "9:16") as any;
const slug = process.argv[3] ?? "sarah";
const script = process.argv[4] ?? SCRIPT;
const title = process.argv[5] ?? "3 trends for short video";
const out = process.argv[6] ?? "/tmp/h13/bench.mp4";
const t0 = Date.now();
renderPresenterVideo({ script, title, avatarSlug: slug, style: "normal", aspectRatio: aspect, voiceSpeed: 1, captions: true,
  background: { type: "gradient", colors: ["#1e3a8a", "#7c3aed"] }, outPath: out }).then(r => console.log("done", (Date.now()-t0)/1000, r.durationSec, r.cues.length));
