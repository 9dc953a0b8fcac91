/**
 * Profile card shown on dashboards. Bios and signatures are Markdown written by users and
 * rendered to HTML on the client.
 */
import { useEffect, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

interface Profile {
  readonly id: string;
  readonly displayName: string;
  readonly title: string;
  readonly bio: string;
  readonly signature: string;
  readonly reportCount: number;
}

function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false }) as string;
}

export function UserProfileCard({ userId }: { userId: string }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const bioRef = useRef<HTMLDivElement>(null);
  const signatureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/users/${encodeURIComponent(userId)}`, { signal: controller.signal })
      .then((response) => response.json() as Promise<Profile>)
      .then(setProfile)
      .catch(() => setProfile(null));
    return () => controller.abort();
  }, [userId]);

  useEffect(() => {
    if (profile === null) return;
    if (bioRef.current !== null) {
      // VULNERABLE (TSB301): user-written Markdown rendered to HTML and injected unsanitized.
      // Markdown allows raw HTML, so a bio can carry <img src=x onerror=...>.
      bioRef.current.innerHTML = renderMarkdown(profile.bio);
    }
    if (signatureRef.current !== null) {
      // SAFE: the same rendering, passed through DOMPurify first.
      signatureRef.current.innerHTML = DOMPurify.sanitize(renderMarkdown(profile.signature));
    }
  }, [profile]);

  if (profile === null) return <div className="profile-card profile-card--loading">Loading…</div>;

  // SAFE: JSX text children are escaped by React.
  return (
    <div className="profile-card">
      <h2>{profile.displayName}</h2>
      <p className="profile-card__title">{profile.title}</p>
      <div className="profile-card__bio" ref={bioRef} />
      <div className="profile-card__signature" ref={signatureRef} />
      <footer>{profile.reportCount} reports</footer>
    </div>
  );
}
