import { Inngest } from "inngest";

/** For hosts that cannot run a long-lived worker; the pg-boss worker is the default. */
export const inngest = new Inngest({ id: "avatar-video-studio" });

export const eventName = (jobName: string) => `avs/${jobName}`;
