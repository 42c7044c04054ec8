import assert from 'node:assert/strict';
import { CardFactory, type Attachment } from 'botbuilder';
import { isImageCandidate } from '../../../src/channels/attachments/attachmentFetcher';
import { teamsFileUpload, teamsPastedImage } from './teamsActivities';

describe('isImageCandidate', () => {
  const photos: [string, Attachment][] = [
    [
      'a Web Chat upload',
      {
        contentType: 'image/jpeg',
        contentUrl: 'https://directline.botframework.com/attachments/x/0/photo.jpg',
        name: 'photo.jpg',
      },
    ],
    ['an iPhone HEIC upload', { contentType: 'image/heic', contentUrl: 'https://example.test/IMG_0001.HEIC' }],
    [
      'an upload of unknown type',
      { contentType: 'application/octet-stream', contentUrl: 'https://example.test/upload' },
    ],
    [
      'a Teams pasted image',
      teamsPastedImage('https://smba.trafficmanager.net/amer/v3/attachments/0-x/views/original')[0] ?? {
        contentType: '',
      },
    ],
    ['a Teams file upload of a JPEG', teamsFileUpload('https://contoso-my.sharepoint.com/download.aspx?tempauth=x')],
    [
      'a Teams file upload of a HEIC named in capitals',
      teamsFileUpload('https://contoso-my.sharepoint.com/d', 'IMG_1.HEIC', 'HEIC'),
    ],
    ['an image data: URI', { contentType: 'image/png', contentUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
    [
      'a data: URI without a media type',
      { contentType: 'application/octet-stream', contentUrl: 'data:;base64,iVBORw0KGgo=' },
    ],
    [
      'the newer Teams inline image with a downloadUrl in its content',
      {
        contentType: 'image/*',
        content: {
          downloadUrl: 'https://smba.trafficmanager.net/amer/t/v3/attachments/0-x/views/original',
          fileType: 'png',
        },
      },
    ],
  ];
  for (const [what, attachment] of photos) {
    it(`takes ${what} as a possible photo`, () => assert.equal(isImageCandidate(attachment), true));
  }

  const notPhotos: [string, Attachment][] = [
    ['an Adaptive Card', CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [] })],
    ['a hero card', CardFactory.heroCard('Title', ['https://example.test/image.png'])],
    ['a thumbnail card', CardFactory.thumbnailCard('Title', ['https://example.test/image.png'])],
    [
      "Teams' text/html copy of a message",
      teamsPastedImage('https://smba.trafficmanager.net/x')[1] ?? { contentType: 'image/png' },
    ],
    ['a Teams file upload of a PDF', teamsFileUpload('https://contoso-my.sharepoint.com/d', 'statement.pdf', 'pdf')],
    [
      'a Teams file upload without download info',
      { contentType: 'application/vnd.microsoft.teams.file.download.info', content: {} },
    ],
    ['an image type without any URL or content', { contentType: 'image/png' }],
    ['a text data: URI', { contentType: 'text/plain', contentUrl: 'data:text/plain,hello' }],
  ];
  for (const [what, attachment] of notPhotos) {
    it(`does not take ${what} as a photo`, () => assert.equal(isImageCandidate(attachment), false));
  }

  it('does not take a malformed attachment as a photo, and does not throw on it', () => {
    // Straight from JSON, as a channel could send it: no contentType, a number as URL.
    const malformed = JSON.parse('{"contentUrl": 5, "content": null}') as Attachment;

    assert.equal(isImageCandidate(malformed), false);
  });
});
