/**
 * Sample content for the research fakes: realistic, varied, overlapping themes (AI tools,
 * AI agents, productivity, remote work, local LLMs, open source, note-taking) so analysis has
 * something meaningful to find. Times are "hours ago" relative to the fake's clock.
 */

export interface SamplePost {
  id: string;
  title: string;
  text?: string;
  url?: string;
  sub: string;
  score: number;
  comments: number;
  hoursAgo: number;
  flair?: string;
  nsfw?: boolean;
  stickied?: boolean;
}

export const REDDIT_POSTS: SamplePost[] = [
  { id: "1k9a001", title: "AI automation tools saved my team 10 hours a week", text: "We replaced manual reporting with AI automation tools and an n8n workflow. Happy to share the setup.", sub: "productivity", score: 4210, comments: 388, hoursAgo: 5, flair: "Tools" },
  { id: "1k9a002", title: "ChatGPT discussions dominate productivity subreddits: is this the new normal?", sub: "productivity", score: 2875, comments: 512, hoursAgo: 9 },
  { id: "1k9a003", title: "Remote work tools gaining massive traction in 2025", url: "https://www.example-news.com/remote-work-tools-2025", sub: "remotework", score: 1930, comments: 204, hoursAgo: 12 },
  { id: "1k9a004", title: "Which AI agents actually work for customer support?", text: "Tried three AI agents for our support inbox. Two hallucinated refunds. What are you using?", sub: "SaaS", score: 1422, comments: 301, hoursAgo: 7 },
  { id: "1k9a005", title: "Async meetings killed our Zoom fatigue", text: "We moved standups to async video updates. Remote work feels calmer now.", sub: "remotework", score: 1204, comments: 156, hoursAgo: 20 },
  { id: "1k9a006", title: "I built a second brain in Obsidian with local LLM search", url: "https://blog.example.org/obsidian-local-llm", sub: "ObsidianMD", score: 987, comments: 143, hoursAgo: 16, flair: "Showcase" },
  { id: "1k9a007", title: "Running a local LLM on a laptop is finally practical", sub: "LocalLLaMA", score: 3320, comments: 640, hoursAgo: 3 },
  { id: "1k9a008", title: "AI video avatars for onboarding: worth it?", text: "Considering AI avatars for our onboarding videos instead of filming every update.", sub: "Entrepreneur", score: 640, comments: 97, hoursAgo: 30 },
  { id: "1k9a009", title: "The four-day week experiment: productivity went up", url: "https://www.example-news.com/four-day-week-results", sub: "productivity", score: 2290, comments: 430, hoursAgo: 26 },
  { id: "1k9a010", title: "Open source alternatives to Notion for remote teams", sub: "selfhosted", score: 1510, comments: 260, hoursAgo: 40 },
  { id: "1k9a011", title: "AI coding assistants: a month of pair programming with Cursor", text: "AI coding assistants sped up boilerplate but code review got harder.", sub: "programming", score: 2050, comments: 377, hoursAgo: 14 },
  { id: "1k9a012", title: "Daily planning with AI tools: my morning routine", sub: "productivity", score: 455, comments: 61, hoursAgo: 60 },
  { id: "1k9a013", title: "Weekly discussion thread", sub: "productivity", score: 12, comments: 8, hoursAgo: 2, stickied: true },
];

export interface SampleStory {
  id: number;
  title: string;
  url?: string;
  text?: string;
  author: string;
  points: number;
  comments: number;
  hoursAgo: number;
  tags?: string[];
}

export const HN_STORIES: SampleStory[] = [
  { id: 43100001, title: "Show HN: An open source AI agent framework in 300 lines", url: "https://github.com/acme/tiny-agents", author: "mira", points: 812, comments: 233, hoursAgo: 6, tags: ["show_hn", "front_page"] },
  { id: 43100002, title: "Local LLM inference on a MacBook is now faster than the cloud", url: "https://blog.example.dev/local-llm-macbook", author: "tdev", points: 1204, comments: 512, hoursAgo: 4, tags: ["front_page"] },
  { id: 43100003, title: "Ask HN: How do you run async standups for remote teams?", text: "<p>We are 14 people across 9 time zones. Remote work is great but meetings are not.</p>", author: "asyncfan", points: 356, comments: 290, hoursAgo: 11, tags: ["ask_hn"] },
  { id: 43100004, title: "AI coding assistants make juniors faster and seniors slower, study finds", url: "https://research.example.edu/ai-coding-assistants-study", author: "skeptic", points: 977, comments: 701, hoursAgo: 9, tags: ["front_page"] },
  { id: 43100005, title: "The case for boring technology in AI tools", url: "https://example.com/boring-ai-tools", author: "old_guard", points: 445, comments: 180, hoursAgo: 22 },
  { id: 43100006, title: "Postgres is all you need for AI agents' memory", url: "https://blog.example.dev/postgres-agent-memory", author: "pgfan", points: 603, comments: 144, hoursAgo: 15, tags: ["front_page"] },
  { id: 43100007, title: "Show HN: Offline-first note-taking app with local LLM search", url: "https://notes.example.app", author: "solo", points: 288, comments: 96, hoursAgo: 18, tags: ["show_hn"] },
  { id: 43100008, title: "Remote work is not dying; hybrid offices are", url: "https://www.example-news.com/remote-work-hybrid", author: "econ", points: 530, comments: 612, hoursAgo: 28 },
  { id: 43100009, title: "We replaced our on-call runbooks with AI agents. Here is what broke", url: "https://sre.example.io/ai-agents-oncall", author: "sre_jane", points: 720, comments: 265, hoursAgo: 8, tags: ["front_page"] },
  { id: 43100010, title: "Productivity apps are a trap", url: "https://essays.example.net/productivity-trap", author: "writer", points: 192, comments: 88, hoursAgo: 48 },
  { id: 43100011, title: "Open source LLMs close the gap with GPT-class models", url: "https://benchmarks.example.ai/open-llms", author: "evals", points: 865, comments: 301, hoursAgo: 13, tags: ["front_page"] },
  { id: 43100012, title: "Text-to-video models: a practical comparison for marketers", url: "https://marketing.example.com/text-to-video", author: "growth", points: 150, comments: 42, hoursAgo: 35 },
];

export interface SampleRepo {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  language: string | null;
  topics: string[];
  stars: number;
  forks: number;
  daysAgo: number;
  fork?: boolean;
  archived?: boolean;
}

export const GITHUB_REPOS: SampleRepo[] = [
  { id: 910000001, owner: "acme", name: "tiny-agents", description: "An open source AI agent framework in 300 lines of TypeScript", language: "TypeScript", topics: ["ai-agents", "llm", "typescript"], stars: 8420, forks: 512, daysAgo: 5 },
  { id: 910000002, owner: "localfirst", name: "llm-on-laptop", description: "Run a local LLM on any laptop with one command", language: "Rust", topics: ["local-llm", "inference"], stars: 6105, forks: 301, daysAgo: 6 },
  { id: 910000003, owner: "notesmith", name: "brainstack", description: "Offline-first note-taking with local LLM search and backlinks", language: "TypeScript", topics: ["note-taking", "productivity", "local-llm"], stars: 3980, forks: 190, daysAgo: 4 },
  { id: 910000004, owner: "asyncly", name: "standup-bot", description: "Async standups for remote teams in Slack and Teams", language: "Go", topics: ["remote-work", "productivity", "slack"], stars: 2110, forks: 88, daysAgo: 3 },
  { id: 910000005, owner: "vidkit", name: "avatar-studio", description: "Generate AI avatar videos from a script with open source models", language: "Python", topics: ["ai-video", "avatars", "text-to-speech"], stars: 5230, forks: 410, daysAgo: 6 },
  { id: 910000006, owner: "devflow", name: "ai-code-review", description: "AI coding assistants for pull request review, self-hosted", language: "Python", topics: ["ai-tools", "code-review"], stars: 2870, forks: 140, daysAgo: 2 },
  { id: 910000007, owner: "pgstack", name: "agent-memory", description: "Postgres-backed memory for AI agents", language: "SQL", topics: ["ai-agents", "postgres"], stars: 1760, forks: 64, daysAgo: 5 },
  { id: 910000008, owner: "focusapp", name: "deepwork-timer", description: "A minimal productivity timer with AI daily planning", language: "Swift", topics: ["productivity", "macos"], stars: 940, forks: 33, daysAgo: 1 },
  { id: 910000009, owner: "openbench", name: "open-llm-evals", description: "Benchmarks comparing open source LLMs with GPT-class models", language: "Python", topics: ["llm", "benchmarks"], stars: 3310, forks: 205, daysAgo: 7 },
  { id: 910000010, owner: "remotehq", name: "timezone-board", description: "A shared timezone board for remote work teams", language: "JavaScript", topics: ["remote-work"], stars: 620, forks: 21, daysAgo: 2 },
  { id: 910000011, owner: "forky", name: "tiny-agents", description: "Fork of tiny-agents", language: "TypeScript", topics: [], stars: 35, forks: 0, daysAgo: 1, fork: true },
  { id: 910000012, owner: "automata", name: "workflow-ai", description: "AI automation tools for spreadsheets and email", language: "TypeScript", topics: ["ai-tools", "automation", "productivity"], stars: 4475, forks: 260, daysAgo: 3 },
  { id: 910000013, owner: "oldco", name: "legacy-crm", description: null, language: null, topics: [], stars: 120, forks: 2, daysAgo: 6, archived: true },
];

export interface SampleTrend {
  title: string;
  traffic: string;
  hoursAgo: number;
  news: Array<{ title: string; url: string; source: string; snippet?: string }>;
}

export const GOOGLE_TRENDS: SampleTrend[] = [
  { title: "ai agents", traffic: "50,000+", hoursAgo: 2, news: [{ title: "AI agents are coming for your inbox", url: "https://news.example.com/ai-agents-inbox", source: "Example Times" }, { title: "What businesses get wrong about AI agents", url: "https://biz.example.com/ai-agents-mistakes", source: "Biz Daily" }] },
  { title: "chatgpt", traffic: "200,000+", hoursAgo: 1, news: [{ title: "ChatGPT adds team workspaces for remote work", url: "https://tech.example.com/chatgpt-team-workspaces", source: "Tech Example" }] },
  { title: "remote work", traffic: "20,000+", hoursAgo: 5, news: [{ title: "Remote work rules change in 2025: what employees need to know", url: "https://hr.example.com/remote-work-rules", source: "HR Weekly" }] },
  { title: "four day work week", traffic: "10,000+", hoursAgo: 7, news: [{ title: "Four-day work week trial results: productivity up 12%", url: "https://www.example-news.com/four-day-week-results", source: "Example News" }] },
  { title: "local llm", traffic: "5,000+", hoursAgo: 8, news: [{ title: "Why developers are running a local LLM", url: "https://dev.example.com/local-llm", source: "Dev Example" }] },
  { title: "ai video generator", traffic: "20,000+", hoursAgo: 4, news: [{ title: "AI video generator tools compared: avatars, text-to-video and more", url: "https://creator.example.com/ai-video-generator", source: "Creator Hub" }] },
  { title: "notion ai", traffic: "2,000+", hoursAgo: 10, news: [{ title: "Notion AI adds meeting notes for remote teams", url: "https://tech.example.com/notion-ai-meetings", source: "Tech Example" }] },
  { title: "solar eclipse", traffic: "500,000+", hoursAgo: 3, news: [{ title: "Where to watch today&#39;s eclipse", url: "https://news.example.com/eclipse-guide", source: "Example News" }] },
  { title: "productivity apps", traffic: "1,000+", hoursAgo: 12, news: [] },
  { title: "cursor ai", traffic: "10,000+", hoursAgo: 6, news: [{ title: "AI coding assistants like Cursor reshape developer productivity", url: "https://dev.example.com/cursor-ai", source: "Dev Example" }] },
];

export interface SampleArticle {
  guid: string;
  title: string;
  link: string;
  description: string;
  categories: string[];
  hoursAgo: number | null;
}

export const RSS_ARTICLES: SampleArticle[] = [
  { guid: "post-2001", title: "10 AI tools that actually improve productivity", link: "https://blog.example.com/ai-tools-productivity", description: "<p>We tested 40 <b>AI tools</b> for a month. Ten stuck.</p>", categories: ["ai", "productivity"], hoursAgo: 3 },
  { guid: "post-2002", title: "How remote work changed hiring in 2025", link: "https://blog.example.com/remote-work-hiring", description: "<p>Remote work opened hiring to 40 countries &amp; cut time-to-hire by a third.</p>", categories: ["remote work", "hiring"], hoursAgo: 10 },
  { guid: "post-2003", title: "AI agents in customer support: lessons from 1,000 tickets", link: "https://blog.example.com/ai-agents-support", description: "<p>AI agents resolved 38% of tickets without a human. Here is where they failed.</p>", categories: ["ai agents", "support"], hoursAgo: 14 },
  { guid: "post-2004", title: "Async video updates beat status meetings", link: "https://blog.example.com/async-video-updates", description: "<p>Short async video updates replaced three weekly meetings.</p>", categories: ["remote work", "communication"], hoursAgo: 20 },
  { guid: "post-2005", title: "Choosing a local LLM for private documents", link: "https://blog.example.com/local-llm-private-docs", description: "<p>A practical guide to running a local LLM on company documents.</p>", categories: ["ai", "privacy"], hoursAgo: 26 },
  { guid: "https://blog.example.com/ai-video-avatars", title: "AI video avatars for internal training", link: "https://blog.example.com/ai-video-avatars", description: "<p>AI video avatars cut our training video costs by 70%.</p>", categories: ["ai video"], hoursAgo: 33 },
  { guid: "post-2007", title: "The productivity paradox of AI coding assistants", link: "https://blog.example.com/ai-coding-paradox", description: "<p>AI coding assistants write more code; teams ship about the same.</p>", categories: ["ai", "engineering"], hoursAgo: 45 },
  { guid: "post-2008", title: "Undated post: our remote work handbook", link: "https://blog.example.com/remote-handbook", description: "Our handbook for remote work, now public.", categories: ["remote work"], hoursAgo: null },
];

export const ATOM_ENTRIES: SampleArticle[] = [
  { guid: "urn:uuid:6a1f0c2e-0001", title: "Open source AI agent frameworks compared", link: "https://engineering.example.org/agent-frameworks", description: "We compared five open source AI agent frameworks on real tasks.", categories: ["ai-agents", "open-source"], hoursAgo: 4 },
  { guid: "urn:uuid:6a1f0c2e-0002", title: "Remote work and deep focus: what the data says", link: "https://engineering.example.org/remote-focus", description: "Remote work gave engineers 90 more minutes of deep focus a day.", categories: ["remote-work", "productivity"], hoursAgo: 18 },
  { guid: "urn:uuid:6a1f0c2e-0003", title: "Shipping a local LLM feature to 1M users", link: "https://engineering.example.org/local-llm-feature", description: "How we shipped an on-device local LLM feature.", categories: ["llm"], hoursAgo: 30 },
  { guid: "urn:uuid:6a1f0c2e-0004", title: "AI tools for meeting notes: a privacy review", link: "https://engineering.example.org/meeting-notes-privacy", description: "Which AI tools for meeting notes keep data private.", categories: ["ai-tools", "privacy"], hoursAgo: 50 },
];
