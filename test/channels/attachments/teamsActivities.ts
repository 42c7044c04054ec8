import type { Activity } from 'botbuilder';

/**
 * Activities shaped like those Teams delivers (ids, tenant and URLs replaced), built per test so
 * they can point at the stand-in server's port.
 */
export function teamsMessageWithAttachments(attachments: Activity['attachments']): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    id: '1732780000000',
    timestamp: new Date('2026-11-28T08:00:00.000Z'),
    from: { id: '29:1-user-aad', name: 'Test User', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    recipient: { id: '28:00000000-0000-4000-8000-000000000002', name: 'KYC Help' },
    conversation: {
      id: 'a:1-personal-chat',
      conversationType: 'personal',
      tenantId: '00000000-0000-4000-8000-000000000003',
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: '00000000-0000-4000-8000-000000000003' } },
    attachments,
  };
}

/** A file sent with the attach button in a personal chat (manifest `supportsFiles: true`). */
export function teamsFileUpload(
  downloadUrl: string,
  name = 'passport.jpg',
  fileType = 'jpg',
): NonNullable<Activity['attachments']>[number] {
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl:
      'https://contoso-my.sharepoint.com/personal/user_contoso_com/Documents/Microsoft%20Teams%20Chat%20Files/' + name,
    name,
    content: {
      downloadUrl,
      uniqueId: '1150d938-8870-4044-9f2c-5bbdeba70c9d',
      fileType,
      etag: '"{1150D938-8870-4044-9F2C-5BBDEBA70C9D},2"',
    },
  };
}

/** A pasted image: an `image/*` attachment on the Bot Connector host, plus Teams' `text/html` copy of the message. */
export function teamsPastedImage(contentUrl: string): NonNullable<Activity['attachments']>[number][] {
  return [
    { contentType: 'image/*', contentUrl },
    {
      contentType: 'text/html',
      content:
        '<div><div><span><img height="250" src="https://us-api.asm.skype.com/v1/objects/0-eus-d1-x/views/imgo" width="250" id="x" itemscope="" itemtype="http://schema.skype.com/AMSImage"></span></div></div>',
    },
  ];
}
